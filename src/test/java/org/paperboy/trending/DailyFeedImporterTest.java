package org.paperboy.trending;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

class DailyFeedImporterTest {
  static final Path FEED = TestData.path("hf-daily-papers/daily-papers-2024-2026.jsonl.gz");
  static final Path OLD_DAY = TestData.path("hf-daily-papers/raw-api-examples/2024-05-27.json");
  static final Path NEW_DAY = TestData.path("hf-daily-papers/raw-api-examples/2026-08-14.json");

  @TempDir Path dir;

  @StoreKinds
  void theRealFeedPutsEveryRowOnItsDayAndReimportingChangesNothing(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      DailyFeedImporter importer = new DailyFeedImporter(db, papers);
      List<DailyFeedReader.Rejection> rejected = new ArrayList<>();
      DailyFeedImporter.Summary first = importer.importFile(FEED, rejected::add);
      assertThat(rejected).isEmpty();
      assertThat(first.read()).isEqualTo(9_881);
      assertThat(first.inserted()).as("one listing per (day, paper) row").isEqualTo(9_881);
      // 9,877 distinct arXiv ids in the file (its README says 9,577; counting the ids gives 9,877)
      assertThat(first.papersCreated()).isEqualTo(9_877);
      assertThat(papers.count()).isEqualTo(9_877);

      long seq = papers.lastChangeSeq();
      DailyFeedImporter.Summary again = importer.importFile(FEED, rejected::add);
      assertThat(again.unchanged()).isEqualTo(9_881);
      assertThat(again.inserted() + again.updated() + again.papersCreated()).isZero();
      assertThat(papers.lastChangeSeq()).as("a re-import must not write papers").isEqualTo(seq);

      DailyList lists = new DailyList(db, papers);
      assertThat(lists.earliestDay()).contains(LocalDate.parse("2024-05-27"));
      assertThat(lists.latestDay()).contains(LocalDate.parse("2026-08-21"));
      List<DailyEntry> firstDay = lists.entries(new DailyList.Query(LocalDate.parse("2024-05-27"),
          LocalDate.parse("2024-05-27"), null, DailyList.Order.UPVOTES, 0, 100));
      assertThat(firstDay.getFirst().paper().id()).isEqualTo(ArxivId.parse("2405.15738"));
      assertThat(firstDay.getFirst().upvotes()).isEqualTo(32);
      assertThat(firstDay.getFirst().comments()).isEqualTo(3);
      Paper convLlava = firstDay.getFirst().paper();
      assertThat(convLlava.title()).isEqualTo(
          "ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models");
      assertThat(convLlava.authors().getFirst()).isEqualTo(new Author("Ge", "Chunjiang", ""));
      assertThat(convLlava.abstractText()).doesNotContain("\n").startsWith("High-resolution Large Multimodal Models");
    }
  }

  @StoreKinds
  void bothRawDayShapesAreRecognisedByContentAndDatedByTheirItems(String kind) throws Exception {
    // Renamed copies prove the day comes from the content, not from the file name.
    Path oldDay = Files.copy(OLD_DAY, dir.resolve("a.json"));
    Path newDay = Files.copy(NEW_DAY, dir.resolve("b.txt"));
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      DailyFeedImporter importer = new DailyFeedImporter(db, papers);
      assertThat(importer.isDailyFeed(oldDay)).isTrue();
      assertThat(importer.isDailyFeed(newDay)).isTrue();
      assertThat(importer.isDailyFeed(TestData.path("arxiv/kaggle-head-200.jsonl"))).isFalse();

      assertThat(importer.importFile(oldDay, r -> {}).inserted()).isEqualTo(13);
      assertThat(importer.importFile(newDay, r -> {}).inserted()).isEqualTo(23);
      DailyList lists = new DailyList(db, papers);
      List<DailyEntry> old = lists.entries(query("2024-05-27"));
      assertThat(old).hasSize(13);
      assertThat(old).allSatisfy(e -> assertThat(e.submittedBy()).isNull());
      List<DailyEntry> recent = lists.entries(query("2026-08-14"));
      assertThat(recent).hasSize(23);
      DailyEntry dreamX = recent.stream().filter(e -> e.paper().id().value().equals("2608.13489")).findFirst().orElseThrow();
      assertThat(dreamX.upvotes()).isEqualTo(61);
      assertThat(dreamX.comments()).isEqualTo(2);
      assertThat(dreamX.submittedBy()).isEqualTo("xiaochonglinghu");
      assertThat(dreamX.paper().authors().getFirst().displayName()).isEqualTo("DreamX Team");

      assertThat(importer.importFile(newDay, r -> {}).unchanged()).isEqualTo(23);
    }
  }

  @StoreKinds
  void aPaperTheStoreHasKeepsItsArxivMetadataAndArxivLaterReplacesAFeedMadePaper(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      Paper arxiv = new Paper(ArxivId.parse("2405.15738"), 2, "ConvLLaVA (arXiv title)", "The arXiv abstract.",
          "C. Ge", List.of(new Author("Ge", "C.", "")), List.of("cs.CV", "cs.AI"), "12 pages", null, null, null, null,
          "Chunjiang Ge", List.of(), null, LocalDate.parse("2024-05-24"), LocalDate.parse("2024-05-27"));
      papers.upsert(List.of(arxiv));
      new DailyFeedImporter(db, papers).importFile(OLD_DAY, r -> {});
      assertThat(papers.find(arxiv.id())).contains(arxiv);

      Paper feedMade = papers.find(ArxivId.parse("2405.15574")).orElseThrow();
      assertThat(feedMade.categories()).containsExactly(DailyFeedImporter.UNKNOWN_CATEGORY);
      Paper fromArxiv = new Paper(feedMade.id(), 0, "Meteor", "abstract", "B. Lee", List.of(new Author("Lee", "B.", "")),
          List.of("cs.CV"), null, null, null, null, null, null, List.of(), null, LocalDate.parse("2024-05-24"),
          LocalDate.parse("2024-05-24"));
      assertThat(papers.upsert(List.of(fromArxiv)).updated()).isEqualTo(1);
      assertThat(papers.find(feedMade.id()).orElseThrow().categories()).containsExactly("cs.CV");
    }
  }

  @StoreKinds
  void malformedRowsAreReportedWithTheirLineAndSkipped(String kind) throws Exception {
    Path feed = dir.resolve("feed.jsonl");
    Files.writeString(feed, """
        {"listing_date": "2024-06-01", "arxiv_id": "2405.15738", "title": "Good", "upvotes": 3, "num_comments": 0, "authors": ["A B"], "abstract": "x"}
        {"listing_date": "2024-06-01", "arxiv_id": "not-an-id", "title": "Bad id", "upvotes": 3}
        {"listing_date": "June 1st", "arxiv_id": "2405.15739", "title": "Bad date", "upvotes": 3}
        {"listing_date": "2024-06-01", "arxiv_id": "2405.15740", "title": "Bad count", "upvotes": -1}
        {truncated
        """);
    try (Database db = TestDatabases.open(kind, dir)) {
      List<DailyFeedReader.Rejection> rejected = new ArrayList<>();
      DailyFeedImporter.Summary s = new DailyFeedImporter(db, new PaperStore(db)).importFile(feed, rejected::add);
      assertThat(s.inserted()).isEqualTo(1);
      assertThat(s.rejected()).isEqualTo(4);
      assertThat(rejected).extracting(DailyFeedReader.Rejection::line).containsExactly(2L, 3L, 4L, 5L);
      assertThat(rejected.get(1).reason()).contains("listing_date");
    }
  }

  @StoreKinds
  void countsOnlyGrowSoImportOrderDoesNotMatter(String kind) throws Exception {
    Path low = dir.resolve("low.jsonl");
    Path high = dir.resolve("high.jsonl");
    String row = "{\"listing_date\": \"2024-06-01\", \"arxiv_id\": \"2405.15738\", \"title\": \"T\", \"upvotes\": %d,"
        + " \"num_comments\": %d, \"authors\": [], \"abstract\": \"\"}";
    Files.writeString(low, row.formatted(3, 1));
    Files.writeString(high, row.formatted(9, 0));
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      DailyFeedImporter importer = new DailyFeedImporter(db, papers);
      importer.importFile(high, r -> {});
      assertThat(importer.importFile(low, r -> {}).updated()).isEqualTo(1);
      DailyEntry e = new DailyList(db, papers).entries(query("2024-06-01")).getFirst();
      assertThat(e.upvotes()).isEqualTo(9);
      assertThat(e.comments()).isEqualTo(1);
    }
  }

  static DailyList.Query query(String day) {
    return new DailyList.Query(LocalDate.parse(day), LocalDate.parse(day), null, DailyList.Order.UPVOTES, 0, 100);
  }
}
