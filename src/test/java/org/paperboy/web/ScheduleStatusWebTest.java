package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.schedule.Cadence;
import org.paperboy.schedule.Job;
import org.paperboy.schedule.Schedules;
import org.paperboy.support.MutableClock;

/** /health and /admin show each scheduled job's last run, its outcome and the next run; a failing job is not hidden. */
class ScheduleStatusWebTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));


  @StoreKinds
  void healthAndAdminShowLastRunOutcomeAndNextRunOfEveryJob(String kind) throws Exception {
    AtomicInteger mirrorCalls = new AtomicInteger();
    List<Job> jobs = List.of(
        new Job("arxiv-harvest", Cadence.every(Duration.ofHours(24)), () -> "cs:cs:AI: pages 2, records 7"),
        new Job("daily-papers-mirror", Cadence.every(Duration.ofHours(1)), () -> {
          mirrorCalls.incrementAndGet();
          throw new IllegalStateException("the daily-papers API answered HTTP 502 for date 2026-11-29: <b>bad gateway</b>");
        }));
    Schedules.Settings quick = new Schedules.Settings(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofHours(1));
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0, false,
        app -> new Schedules(app.database(), clock, jobs, quick))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> mirrorCalls.get() == 1
          && f.schedules.status().stream().allMatch(s -> s.lastRun() != null && !s.running()));
      try (Member anyone = new Member(f.base())) {
        JsonNode health = JSON.readTree(anyone.get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        JsonNode harvest = health.get("schedules").get(0);
        assertThat(harvest.get("job").asText()).isEqualTo("arxiv-harvest");
        assertThat(harvest.get("cadence").asText()).isEqualTo("every 24 hours");
        assertThat(harvest.get("lastRun").get("outcome").asText()).isEqualTo("succeeded");
        assertThat(harvest.get("lastRun").get("summary").asText()).isEqualTo("cs:cs:AI: pages 2, records 7");
        assertThat(harvest.get("lastRun").get("startedAt").asText()).isEqualTo("2026-11-29T08:00:00.000Z");
        assertThat(harvest.get("nextRun").asText()).isEqualTo("2026-11-30T08:00:00.000Z");
        JsonNode mirror = health.get("schedules").get(1);
        assertThat(mirror.get("lastRun").get("outcome").asText()).isEqualTo("failed");
        assertThat(mirror.get("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(mirror.get("nextRun").asText()).as("retried a minute later").isEqualTo("2026-11-29T08:01:00.000Z");
        assertThat(mirror.get("lastSuccess").isNull()).isTrue();
      }
      f.app.accounts().addOrSetRole("root@example.org", Role.ADMIN);
      try (Member root = CommunityWebTest.signIn(f, "root@example.org")) {
        String admin = root.get("/admin").body();
        assertThat(admin).contains("<td>arxiv-harvest</td>", "<strong>succeeded</strong>: cs:cs:AI: pages 2, records 7",
            "2026-11-30T08:00:00Z", "<td>daily-papers-mirror</td>", "<tr class=\"failing\">",
            "<strong>failed</strong>: the daily-papers API answered HTTP 502 for date 2026-11-29: &lt;b&gt;bad gateway&lt;/b&gt;",
            "1 failed in a row, retried with backoff; last success: never", "2026-11-29T08:01:00Z");
      }
    }
  }
}
