package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;

/**
 * One query has one total: whichever page, whatever page size (the page shows 20, the command line
 * 10, the API what it is asked), in keyword, meaning and hybrid mode, including queries with more
 * matches than Lucene counts exactly by default (1,000). And the list ends exactly at its total.
 * 2,500 real computer-science records, the kaggle head's 200 with vectors (hybrid fuses them).
 */
class SearchTotalsTest {
  static final int RECORDS = 2_500;

  @TempDir static Path dir;
  static Database db;
  static SearchService search;

  @BeforeAll
  static void indexRealRecords() throws Exception {
    db = TestDatabases.open("sqlite", dir);
    PaperStore store = new PaperStore(db);
    SnapshotImporter importer = new SnapshotImporter(store);
    importer.importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
    EmbeddingStore vectors = new EmbeddingStore(db);
    new VectorBackfill(store, vectors, EmbeddingModel.MINILM).run(2, false);
    List<String> head = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(TestData.path("arxiv/cs-2025-2026.jsonl.gz"))), StandardCharsets.UTF_8))) {
      for (String line; head.size() < RECORDS && (line = in.readLine()) != null; ) head.add(line);
    }
    importer.importFile(Files.write(dir.resolve("cs-head.jsonl"), head), true, false, r -> {});
    search = new SearchService(store, vectors, dir.resolve("index"), EmbeddingModel.MINILM);
    search.catchUp();
  }

  @AfterAll
  static void close() {
    search.close();
    db.close();
  }

  static SearchResults page(String query, SearchMode mode, int offset, int limit) {
    return search.search(SearchRequest.of(query).withMode(mode).withPage(offset, limit));
  }

  @ParameterizedTest
  @CsvSource({"model, BM25", "model, HYBRID", "learning, BM25", "learning, HYBRID", "model, SEMANTIC"})
  void theTotalIsTheSameOnEveryPageAndForEveryPageSize(String query, SearchMode mode) {
    SearchResults first = page(query, mode, 0, 20);
    long total = first.total();
    if (query.equals("model") && mode == SearchMode.BM25) {
      assertThat(total).as("more matches than Lucene counts by default").isGreaterThan(1_000);
    }
    for (int[] at : new int[][] {{0, 10}, {0, 100}, {20, 20}, {100, 20}, {500, 20}, {980, 20}, {1_000, 100}}) {
      SearchResults r = page(query, mode, at[0], at[1]);
      assertThat(r.total()).as("%s %s at offset %d, %d a page", mode, query, at[0], at[1]).isEqualTo(total);
      assertThat(r.mode()).isEqualTo(first.mode());
    }
  }

  @ParameterizedTest
  @CsvSource({"transformer, BM25", "transformer, HYBRID", "diffusion robot, BM25", "diffusion robot, HYBRID",
      "quark, HYBRID"})
  void theLastPageEndsExactlyAtTheTotal(String query, SearchMode mode) {
    long total = page(query, mode, 0, 20).total();
    assertThat(total).as("%s has matches, fewer than the deepest page", query).isBetween(2L, 1_000L);
    assertThat(page(query, mode, (int) total - 1, 20).hits()).as("the last result").hasSize(1);
    assertThat(page(query, mode, (int) total, 20).hits()).as("after the last result").isEmpty();
    assertThat(page(query, mode, (int) total - 1, 20).total()).isEqualTo(total);
  }
}
