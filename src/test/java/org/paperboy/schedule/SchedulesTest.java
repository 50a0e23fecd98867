package org.paperboy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.schedule.ScheduleStatus.Outcome;
import org.paperboy.support.MutableClock;

/** The persistent schedule: retries with backoff, runs missed while down, and never two runs at once across processes. */
class SchedulesTest {
  private static final Schedules.Settings QUICK =
      new Schedules.Settings(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMinutes(3));
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;


  @StoreKinds
  void aFailedRunIsRetriedWithGrowingBackoffAndShownUntilOneSucceeds(String kind) {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    Job flaky = new Job("flaky", Cadence.every(Duration.ofHours(6)), () -> {
      if (calls.incrementAndGet() <= 3) throw new IllegalStateException("arXiv answered HTTP 503 (call " + calls.get() + ")");
      return "harvested 12 papers";
    });
    try (Database db = TestDatabases.open(kind, dir); Schedules schedules = new Schedules(db, clock, List.of(flaky), QUICK).start()) {
      // never run before: due at once; then it fails three times, retried 1, 2 and 3 (the cap) minutes later
      Instant failedAt = clock.instant();
      List<Duration> waits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3));
      for (int failure = 1; failure <= 3; failure++) {
        int expected = failure;
        await().atMost(WAIT).until(() -> status(schedules).consecutiveFailures() == expected);
        ScheduleStatus s = status(schedules);
        assertThat(s.lastRun().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.lastRun().summary()).isEqualTo("arXiv answered HTTP 503 (call " + failure + ")");
        assertThat(s.nextRun()).as("retry after failure %d", failure).isEqualTo(failedAt.plus(waits.get(failure - 1)));
        assertThat(s.healthy()).isFalse();
        assertThat(s.lastSuccess()).isNull();
        // not retried before its time
        clock.advance(waits.get(failure - 1).minusSeconds(1));
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> calls.get() == expected);
        clock.advance(Duration.ofSeconds(1));
        failedAt = clock.instant();
      }
      await().atMost(WAIT).until(() -> status(schedules).consecutiveFailures() == 0 && status(schedules).lastRun() != null
          && status(schedules).lastRun().outcome() == Outcome.SUCCEEDED);
      ScheduleStatus s = status(schedules);
      assertThat(s.lastSuccess().summary()).isEqualTo("harvested 12 papers");
      assertThat(s.nextRun()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
      assertThat(schedules.recentRuns("flaky", 10)).extracting(ScheduleStatus.Run::outcome)
          .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.FAILED, Outcome.FAILED);
    }
  }

  @StoreKinds
  void runsMissedWhileEverythingWasDownHappenOnceAtTheNextStart(String kind) {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    AtomicInteger calls = new AtomicInteger();
    Job daily = new Job("daily", Cadence.every(Duration.ofDays(1)), () -> "run " + calls.incrementAndGet());
    String url = TestDatabases.freshUrl(kind, dir);
    try (Database db = Database.open(url)) {
      try (Schedules first = new Schedules(db, clock, List.of(daily), QUICK).start()) {
        await().atMost(WAIT).until(() -> calls.get() == 1);
        await().atMost(WAIT).until(() -> status(first).nextRun() != null && status(first).nextRun().isAfter(clock.instant()));
      }
      // down for three and a half days: three runs fell due
      clock.advance(Duration.ofHours(84));
      try (Schedules second = new Schedules(db, clock, List.of(daily), QUICK).start()) {
        await().atMost(WAIT).until(() -> calls.get() == 2);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> calls.get() == 2);
        assertThat(status(second).nextRun()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
      }
    }
  }

  @StoreKinds
  void twoProcessesOnOneStoreRunEachDueRunOnceAndNeverAtTheSameTime(String kind) {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<String> runs = Collections.synchronizedList(new ArrayList<>());
    String url = TestDatabases.freshUrl(kind, dir);
    try (Database a = Database.open(url); Database b = Database.open(url);
        Schedules nodeA = new Schedules(a, clock, List.of(slowJob("A", running, mostAtOnce, runs)), QUICK).start();
        Schedules nodeB = new Schedules(b, clock, List.of(slowJob("B", running, mostAtOnce, runs)), QUICK).start()) {
      for (int due = 1; due <= 5; due++) {
        int expected = due;
        await().atMost(WAIT).until(() -> runs.size() == expected && status(nodeA).nextRun() != null
            && status(nodeA).nextRun().isAfter(clock.instant()));
        clock.advance(Duration.ofHours(1));
      }
      await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> runs.size() == 6);
      assertThat(mostAtOnce.get()).isEqualTo(1);
      assertThat(status(nodeB).lastSuccess()).isNotNull();
    }
  }

  private static Job slowJob(String node, AtomicInteger running, AtomicInteger mostAtOnce, List<String> runs) {
    return new Job("harvest", Cadence.every(Duration.ofHours(1)), () -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(150);
      } finally {
        running.decrementAndGet();
      }
      runs.add(node);
      return "ran on " + node;
    });
  }

  private static ScheduleStatus status(Schedules schedules) {
    return schedules.status().getFirst();
  }
}
