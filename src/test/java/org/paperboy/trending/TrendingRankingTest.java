package org.paperboy.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.paper.PaperStore;
import org.paperboy.trending.TrendingRanking.Ranking;
import org.paperboy.trending.TrendingRanking.Window;

class TrendingRankingTest {
  @TempDir Path dir;

  static Clock at(String day) {
    return Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
  }

  Database feed(String kind, String... rows) throws Exception {
    Path file = dir.resolve("feed.jsonl");
    StringBuilder b = new StringBuilder();
    for (String r : rows) {
      String[] f = r.split(" ");
      b.append("{\"listing_date\": \"%s\", \"arxiv_id\": \"%s\", \"title\": \"Paper %s\", \"upvotes\": %s, \"num_comments\": %s}\n"
          .formatted(f[0], f[1], f[1], f[2], f[3]));
    }
    Files.writeString(file, b);
    Database db = TestDatabases.open(kind, dir);
    new DailyFeedImporter(db, new PaperStore(db)).importFile(file, r -> {});
    return db;
  }

  @Test
  void theScoreHalvesEveryHalfLife() {
    assertThat(TrendingRanking.score(10, 0, 0, Window.WEEK)).isEqualTo(10.0);
    assertThat(TrendingRanking.score(10, 0, 2, Window.WEEK)).isEqualTo(5.0);
    assertThat(TrendingRanking.score(10, 5, 4, Window.WEEK)).isCloseTo(5.0, within(1e-9));
    assertThat(TrendingRanking.score(8, 0, 7, Window.MONTH)).isEqualTo(4.0);
  }

  @StoreKinds
  void aFreshPaperOutranksAnOlderOneWithMoreVotesAndTheReasonSaysWhy(String kind) throws Exception {
    try (Database db = feed(kind, "2024-06-01 2405.00001 30 0", "2024-06-05 2405.00002 10 1", "2024-05-20 2405.00003 99 9")) {
      PaperStore papers = new PaperStore(db);
      Ranking r = new TrendingRanking(new DailyList(db, papers), at("2024-06-05")).rank(Window.WEEK, 10);
      assertThat(r.historical()).isFalse();
      assertThat(r.from()).isEqualTo(LocalDate.parse("2024-05-30"));
      assertThat(r.entries()).extracting(e -> e.entry().paper().id().value())
          .as("12 points today beat 30 points four days (two half-lives) ago; the May paper is outside the week")
          .containsExactly("2405.00002", "2405.00001");
      assertThat(r.entries().get(0).why()).as("the comment came with the imported list, none was written here")
          .isEqualTo("10 upvotes, 1 comment on the source list · 0 here, listed today");
      assertThat(r.entries().get(1).why()).isEqualTo("30 upvotes, 0 comments, 4 days old");
      assertThat(r.entries().get(1).score()).isEqualTo(7.5);
    }
  }

  @StoreKinds
  void withHistoricalDataTheWindowEndsAtTheLatestActivity(String kind) throws Exception {
    try (Database db = feed(kind, "2024-06-01 2405.00001 30 0", "2024-06-03 2405.00002 4 0")) {
      Ranking r = new TrendingRanking(new DailyList(db, new PaperStore(db)), at("2026-01-01")).rank(Window.DAY, 10);
      assertThat(r.historical()).isTrue();
      assertThat(r.to()).isEqualTo(LocalDate.parse("2024-06-03"));
      assertThat(r.entries()).singleElement().satisfies(e ->
          assertThat(e.why()).isEqualTo("4 upvotes, 0 comments, listed on 2024-06-03"));
      Ranking week = new TrendingRanking(new DailyList(db, new PaperStore(db)), at("2026-01-01")).rank(Window.WEEK, 10);
      assertThat(week.entries().get(1).why()).isEqualTo("4 upvotes, 0 comments, listed on 2024-06-03");
      assertThat(week.entries().get(0).why()).isEqualTo("30 upvotes, 0 comments, listed 2 days before 2024-06-03");
    }
  }

  @StoreKinds
  void aListingRanksByTheSameFormulaWithAgesCountedFromItsLastDay(String kind) throws Exception {
    // week 2024-W22 is 2024-05-27 … 2024-06-02; half-life 2 days
    try (Database db = feed(kind, "2024-05-27 2405.00001 40 0", "2024-06-01 2405.00002 12 0", "2024-06-02 2405.00003 4 1",
        "2024-06-03 2405.00004 99 9")) {
      TrendingRanking trending = new TrendingRanking(new DailyList(db, new PaperStore(db)), at("2030-01-01"));
      Listing week = Listing.week(LocalDate.parse("2024-05-29"));
      // 40 × 2^(−6/2) = 5; 12 × 2^(−1/2) ≈ 8.49; (4 + 2) × 1 = 6; the 2024-06-03 paper is outside the week
      assertThat(trending.rankListing(week, null, 0, 10)).extracting(e -> e.paper().id().value())
          .containsExactly("2405.00002", "2405.00003", "2405.00001");
      assertThat(trending.rankListing(week, null, 1, 1)).extracting(e -> e.paper().id().value())
          .containsExactly("2405.00003");
      assertThat(week.window()).isEqualTo(Window.WEEK);
    }
  }

  @StoreKinds
  void aPaperListedOnSeveralDaysCountsOnceAtItsLatestListing(String kind) throws Exception {
    try (Database db = feed(kind, "2024-06-01 2405.00001 5 0", "2024-06-03 2405.00001 7 0")) {
      Ranking r = new TrendingRanking(new DailyList(db, new PaperStore(db)), at("2024-06-03")).rank(Window.WEEK, 10);
      assertThat(r.entries()).singleElement().satisfies(e -> {
        assertThat(e.ageDays()).isZero();
        assertThat(e.entry().upvotes()).isEqualTo(7);
      });
    }
  }
}
