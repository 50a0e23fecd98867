package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyFeedImporter;
import org.paperboy.trending.DailyList;

/** harvest --source daily-papers against a local server replaying the real day responses. */
class DailyPapersHarvestTest {
  static final Duration GAP = Duration.ofMillis(200);

  @TempDir Path dir;

  /** The real recorded days; any other day has no list. */
  static FakeArxiv.Reply recorded(FakeArxiv.Hit hit) {
    try {
      String date = hit.param("date");
      if (!hit.path().equals("/api/daily_papers") || date == null) return FakeArxiv.Reply.status(404, "{\"error\":\"not found\"}");
      Path day = Path.of(TestData.path("hf-daily-papers/raw-api-examples").toString(), date + ".json");
      return FakeArxiv.Reply.status(200, Files.exists(day) ? Files.readString(day) : "[]");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static URI endpoint(FakeArxiv server) {
    return URI.create(server.api().toString().replace("/api/query", "/api/daily_papers"));
  }

  static int items(String day) throws Exception {
    return new ObjectMapper().readTree(TestData.path("hf-daily-papers/raw-api-examples/" + day + ".json").toFile()).size();
  }

  @StoreKinds
  void mirrorsEachDayPolitelyKeepsTheAnswersAndChangesNothingOnARerun(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(DailyPapersHarvestTest::recorded);
        Database db = TestDatabases.open(kind, dir)) {
      server.thenFail(FakeArxiv.Reply.status(429, "slow down").header("Retry-After", "1"));
      URI api = endpoint(server);
      PaperStore papers = new PaperStore(db);
      DailyFeedImporter importer = new DailyFeedImporter(db, papers);
      DailyList lists = new DailyList(db, papers);
      Politeness polite = Politeness.arxiv().withMinInterval(GAP, api);
      DailyPapersHarvester.Summary first, again;
      try (PoliteHttp http = new PoliteHttp(polite, Clock.systemUTC())) {
        DailyPapersHarvester harvester = new DailyPapersHarvester(http, importer, dir.resolve("days"));
        first = harvester.harvest(api, LocalDate.parse("2024-05-26"), LocalDate.parse("2024-05-28"), r -> {
          throw new AssertionError("rejected " + r);
        });
        again = harvester.harvest(api, LocalDate.parse("2024-05-27"), LocalDate.parse("2024-05-27"), r -> {});
        harvester.harvest(api, LocalDate.parse("2026-08-14"), LocalDate.parse("2026-08-14"), r -> {});
      }
      assertThat(first.days()).isEqualTo(3);
      assertThat(first.emptyDays()).isEqualTo(2);
      assertThat(first.listings()).isEqualTo(items("2024-05-27"));
      assertThat(first.inserted()).isEqualTo(items("2024-05-27"));
      assertThat(again.inserted() + again.updated()).as("a re-run changes nothing").isZero();
      assertThat(lists.count(new DailyList.Query(LocalDate.parse("2024-05-27"), LocalDate.parse("2024-05-27"), null,
          DailyList.Order.UPVOTES, 0, 100))).isEqualTo(items("2024-05-27"));
      assertThat(lists.latestDay()).isPresent();
      assertThat(Files.list(dir.resolve("days")).map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("2024-05-27.json", "2026-08-14.json");

      List<FakeArxiv.Hit> hits = server.hits();
      assertThat(hits.getFirst().param("date")).isEqualTo("2024-05-26");
      assertThat(hits.get(1).param("date")).as("the 429 is asked again").isEqualTo("2024-05-26");
      assertThat(server.gaps().get(0)).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(server.gaps()).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(GAP.minusMillis(5)));
    }
  }

  @StoreKinds
  void aCutOffAnswerIsAskedAgainAndAnErrorNamesTheDay(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(DailyPapersHarvestTest::recorded);
        Database db = TestDatabases.open(kind, dir)) {
      FakeArxiv.Reply whole = recorded(new FakeArxiv.Hit(0, "/api/daily_papers", java.util.Map.of("date", "2026-08-14")));
      server.thenFail(whole.cutOffMidXml());
      URI api = endpoint(server);
      PaperStore papers = new PaperStore(db);
      // the cut-off answer is asked again after a short backoff, not arXiv's seconds: what is tested is that it is asked again
      Politeness polite = Politeness.arxiv().withMinInterval(GAP, api).withBackoff(GAP, GAP.multipliedBy(4));
      try (PoliteHttp http = new PoliteHttp(polite, Clock.systemUTC())) {
        DailyPapersHarvester harvester = new DailyPapersHarvester(http, new DailyFeedImporter(db, papers), dir.resolve("days"));
        DailyPapersHarvester.Summary s = harvester.harvest(api, LocalDate.parse("2026-08-14"), LocalDate.parse("2026-08-14"), r -> {});
        assertThat(s.listings()).isEqualTo(items("2026-08-14"));
        assertThat(server.hits()).hasSize(2);

        server.thenFail(FakeArxiv.Reply.status(400, "{\"error\":\"Invalid date\"}"));
        assertThatThrownBy(() -> harvester.harvest(api, LocalDate.parse("2026-08-15"), LocalDate.parse("2026-08-15"), r -> {}))
            .isInstanceOf(Refusal.class).hasMessageContaining("2026-08-15").hasMessageContaining("HTTP 400");
      }
    }
  }
}
