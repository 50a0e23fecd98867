package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.schedule.ScheduleStatus;
import org.paperboy.schedule.Schedules;
import org.paperboy.support.MutableClock;

/** The persistent schedule (db-scheduler in the store) runs due digests by itself, and only once per period. */
class DigestScheduleTest {
  @TempDir Path dir;

  @StoreKinds
  void theScheduleQueuesADueDigestOnItsOwnAndNeverTwice(String kind) throws Exception {
    Path[] files = DigestWorld.files();
    MutableClock clock = new MutableClock(Instant.parse("2025-04-02T09:00:00Z"));
    try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)), clock)) {
      app.snapshotImporter().importFile(files[0], true, false, r -> {});
      app.dailyFeedImporter().importFile(files[1], r -> {});
      app.subscriptions().subscribe(new Subscriptions.Request("ada@example.org", Subscription.Frequency.DAILY, null, 8, "UTC",
          Topics.ALL), "10.0.0.1", "https://papers.example");
      Subscription s = app.subscriptions().findByEmail("ada@example.org").orElseThrow();
      app.subscriptions().confirm(app.subscriptions().confirmUrl("", s.id()).substring("/subscriptions/confirm/".length()));
      AtomicInteger woken = new AtomicInteger();
      Schedules.Settings quick = new Schedules.Settings(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1));
      try (Schedules schedule = new Schedules(app.database(), clock,
          java.util.List.of(DigestSchedule.job(app.digests(), clock, Duration.ofSeconds(1), woken::incrementAndGet)),
          quick).start()) {
        await().atMost(Duration.ofSeconds(60)).until(() -> woken.get() == 1);
        // three more runs in the same period (the clock moves a second each time): nothing more is queued
        for (int run = 1; run <= 4; run++) {
          int expected = run;
          // the run is over once its next one is booked; only then may the clock move on
          await().atMost(Duration.ofSeconds(60)).until(() -> schedule.recentRuns(DigestSchedule.NAME, 10).stream()
              .filter(r -> r.outcome() == ScheduleStatus.Outcome.SUCCEEDED).count() == expected
              && schedule.status().getFirst().nextRun().isAfter(clock.instant()));
          clock.advance(Duration.ofSeconds(1));
        }
        assertThat(woken.get()).isEqualTo(1);
      }
      long digests = app.database().jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key LIKE 'digest:%'").mapTo(Long.class).one());
      assertThat(digests).isEqualTo(1);
    }
  }
}
