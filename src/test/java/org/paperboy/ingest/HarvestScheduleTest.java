package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.fake.FakeArxiv.Hit;
import org.paperboy.fake.OaiFiles;
import org.paperboy.fake.FakeArxiv.Reply;
import org.paperboy.paper.ArxivId;
import org.paperboy.schedule.ScheduleStatus;
import org.paperboy.schedule.ScheduleStatus.Outcome;
import org.paperboy.schedule.Schedules;
import org.paperboy.support.MutableClock;

/**
 * serve's own harvest, driven by an injected clock over a weekend and Thanksgiving against the
 * replayed arXiv responses: it runs after announcements only, catches up once after downtime, runs
 * once across nodes sharing a store, and what it brings in is in the store with its announcement day.
 */
class HarvestScheduleTest {
  private static final ZoneId NY = ZoneId.of("America/New_York");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;


  private static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NY).toInstant();
  }

  /** First run: the real page 1 alone (6 papers); the next: 1302.2146 appears; then nothing new. */
  private static Reply arxiv(Hit hit, AtomicInteger incremental) {
    if (hit.param("from") == null) {
      return Reply.xml(OaiFiles.rawPage1().replaceFirst("<resumptionToken[^>]*>[^<]*</resumptionToken>", "<resumptionToken/>"));
    }
    if (incremental.incrementAndGet() == 1) {
      return Reply.xml(OaiFiles.asListRecordsPage(OaiFiles.read("arxivraw-getrecord.xml"), "2025-11-24T03:46:00Z", null, null));
    }
    return Reply.xml(OaiFiles.read("arxivraw-error-norecordsmatch.xml"));
  }

  @StoreKinds
  void harvestsAfterAnnouncementsOnlyAcrossAWeekendAndThanksgiving(String kind) throws Exception {
    MutableClock clock = new MutableClock(ny("2025-11-21T12:00")); // Friday noon
    AtomicInteger incremental = new AtomicInteger();
    try (FakeArxiv server = new FakeArxiv(hit -> arxiv(hit, incremental));
        Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)), clock)) {
      HarvestJobs.Settings settings = new HarvestJobs.Settings(List.of("cs:cs:AI"), server.oai(), null, null,
          AnnouncementCalendar.arxiv(), Politeness.arxiv().withMinInterval(Duration.ofMillis(50), server.oai()));
      Schedules.Settings quick = new Schedules.Settings(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofHours(1));
      try (Schedules schedules = app.schedules(settings, quick, () -> {}).start()) {
        // never harvested: at once, then after Sunday evening's announcement (nothing on Friday or Saturday)
        awaitRuns(schedules, clock, 1);
        assertThat(app.papers().count()).isEqualTo(6);
        assertThat(harvest(schedules).nextRun()).isEqualTo(ny("2025-11-23T22:45"));
        assertThat(harvest(schedules).lastSuccess().summary())
            .isEqualTo("cs:cs:AI: pages 1, records 6: inserted 6, updated 0, unchanged 0, deleted 0, rejected 0");

        clock.advance(Duration.between(clock.instant(), ny("2025-11-22T23:00"))); // Saturday night
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> runs(schedules) == 1);

        clock.advance(Duration.between(clock.instant(), ny("2025-11-23T22:50"))); // Sunday, after the harvest time
        awaitRuns(schedules, clock, 2);
        var fresh = app.papers().find(ArxivId.parse("1302.2146")).orElseThrow();
        // submitted Friday 8 February 2013 16:00 New York time: after Friday's deadline → Monday evening → listed Tuesday
        assertThat(fresh.announcedOn()).isEqualTo(LocalDate.parse("2013-02-12"));
        assertThat(app.papers().latestAnnouncementDay(null)).contains(LocalDate.parse("2013-02-12"));
        assertThat(harvest(schedules).nextRun()).isEqualTo(ny("2025-11-24T22:45"));

        // down from Monday to Wednesday night: the missed runs happen once, then Thanksgiving Thursday is skipped
        clock.advance(Duration.between(clock.instant(), ny("2025-11-26T23:30")));
        awaitRuns(schedules, clock, 3);
        assertThat(harvest(schedules).nextRun()).isEqualTo(ny("2025-11-30T22:45"));
        clock.advance(Duration.between(clock.instant(), ny("2025-11-27T23:30"))); // Thanksgiving night
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> runs(schedules) == 3);

        clock.advance(Duration.between(clock.instant(), ny("2025-11-30T22:46")));
        awaitRuns(schedules, clock, 4);
        assertThat(harvest(schedules).lastRun().summary())
            .isEqualTo("cs:cs:AI: pages 0, records 0: inserted 0, updated 0, unchanged 0, deleted 0, rejected 0");
        assertThat(harvest(schedules).nextRun()).isEqualTo(ny("2025-12-01T22:45"));
      }
      // one ListRecords per run, never two at once, each continuing from the last run's start
      List<Hit> hits = server.hits();
      assertThat(hits).hasSize(4);
      assertThat(hits.getFirst().param("from")).isNull();
      assertThat(hits.subList(1, 4)).allSatisfy(h -> assertThat(h.param("set")).isEqualTo("cs:cs:AI"));
      assertThat(hits.get(1).param("from")).isEqualTo("2015-01-06");
      assertThat(hits.get(2).param("from")).isEqualTo("2025-11-24");
    }
  }

  /**
   * Two serve nodes on one PostgreSQL store, each its own app (data directory, index) and scheduler,
   * both due for the same harvest: db-scheduler's claim in the store lets one of them run it, so arXiv
   * is asked once per announcement, never by both at once, and each paper is inserted once. (Each reply
   * takes a moment, so a second node that started the same run would overlap the first.)
   */
  @Test
  void twoNodesOnOneStoreHarvestEachAnnouncementOnce() throws Exception {
    String url = TestDatabases.freshPostgresUrl(dir);
    MutableClock clock = new MutableClock(ny("2025-11-21T12:00")); // Friday noon
    AtomicInteger incremental = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    try (FakeArxiv server = new FakeArxiv(hit -> slowly(() -> arxiv(hit, incremental), inFlight, mostAtOnce));
        Paperboy a = Paperboy.open(new Config(dir.resolve("a"), url), clock);
        Paperboy b = Paperboy.open(new Config(dir.resolve("b"), url), clock)) {
      HarvestJobs.Settings settings = new HarvestJobs.Settings(List.of("cs:cs:AI"), server.oai(), null, null,
          AnnouncementCalendar.arxiv(), Politeness.arxiv().withMinInterval(Duration.ofMillis(50), server.oai()));
      Schedules.Settings quick = new Schedules.Settings(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofHours(1));
      try (Schedules nodeA = a.schedules(settings, quick, () -> {}).start();
          Schedules nodeB = b.schedules(settings, quick, () -> {}).start()) {
        awaitRuns(nodeA, clock, 1); // never harvested: due at once on both nodes
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> server.hits().size() == 1);
        clock.advance(Duration.between(clock.instant(), ny("2025-11-23T22:50"))); // Sunday's announcement: due on both again
        awaitRuns(nodeB, clock, 2);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> server.hits().size() == 2);
        assertThat(nodeA.recentRuns(HarvestJobs.ARXIV, 10)).extracting(ScheduleStatus.Run::summary).containsExactly(
            "cs:cs:AI: pages 1, records 1: inserted 1, updated 0, unchanged 0, deleted 0, rejected 0",
            "cs:cs:AI: pages 1, records 6: inserted 6, updated 0, unchanged 0, deleted 0, rejected 0");
      }
      assertThat(mostAtOnce.get()).as("requests to arXiv at once").isEqualTo(1);
      assertThat(server.hits()).extracting(h -> h.param("from")).containsExactly(null, "2015-01-06");
      assertThat(a.papers().count()).isEqualTo(7);
      assertThat(b.papers().find(ArxivId.parse("1302.2146"))).isPresent();
    }
  }

  /** The reply, after a moment: long enough that two nodes running the same harvest would overlap. */
  private static Reply slowly(java.util.function.Supplier<Reply> reply, AtomicInteger inFlight, AtomicInteger mostAtOnce) {
    mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      Thread.sleep(300);
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.status(503, "interrupted");
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @StoreKinds
  void theDailyPapersMirrorRunsEveryHourFromWhereItStoppedOnAnyProcess(String kind) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-08-13T09:00:00Z"));
    try (FakeArxiv server = new FakeArxiv(DailyPapersHarvestTest::recorded);
        Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)), clock)) {
      java.net.URI api = DailyPapersHarvestTest.endpoint(server);
      HarvestJobs.Settings settings = new HarvestJobs.Settings(List.of(), null, api, Duration.ofHours(1),
          AnnouncementCalendar.arxiv(), Politeness.arxiv().withMinInterval(Duration.ofMillis(50), api));
      Schedules.Settings quick = new Schedules.Settings(Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofHours(1));
      try (Schedules schedules = app.schedules(settings, quick, () -> {}).start()) {
        awaitRuns(schedules, HarvestJobs.DAILY_PAPERS, clock, 1); // nothing listed yet: today only (no list)
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        awaitRuns(schedules, HarvestJobs.DAILY_PAPERS, clock, 2); // still 13 August
        clock.advance(Duration.ofDays(1)); // 14 August: its list appears
        awaitRuns(schedules, HarvestJobs.DAILY_PAPERS, clock, 3);
      }
      assertThat(app.dailyList().latestDay()).contains(LocalDate.parse("2026-08-14"));
      assertThat(server.hits()).extracting(h -> h.param("date"))
          .containsExactly("2026-08-13", "2026-08-13", "2026-08-13", "2026-08-14");
      // a second process (or a restart) continues from the same checkpoint: 14 August again, to refresh its counts
      assertThat(app.harvestCheckpoints().find(api.toString(), "daily-papers", "").orElseThrow().nextFrom())
          .isEqualTo(LocalDate.parse("2026-08-14"));
    }
  }

  private static ScheduleStatus harvest(Schedules schedules) {
    return status(schedules, HarvestJobs.ARXIV);
  }

  private static ScheduleStatus status(Schedules schedules, String job) {
    return schedules.status().stream().filter(s -> s.job().equals(job)).findFirst().orElseThrow();
  }

  private static long runs(Schedules schedules) {
    return schedules.recentRuns(HarvestJobs.ARXIV, 100).size();
  }

  /** Until the n-th run succeeded and its next run is booked. */
  private static void awaitRuns(Schedules schedules, MutableClock clock, int n) {
    awaitRuns(schedules, HarvestJobs.ARXIV, clock, n);
  }

  private static void awaitRuns(Schedules schedules, String job, MutableClock clock, int n) {
    await().atMost(WAIT).until(() -> {
      List<ScheduleStatus.Run> runs = schedules.recentRuns(job, 100);
      ScheduleStatus s = status(schedules, job);
      return runs.size() == n && runs.getFirst().outcome() == Outcome.SUCCEEDED && s.nextRun() != null
          && s.nextRun().isAfter(clock.instant());
    });
  }
}
