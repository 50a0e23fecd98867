package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;

/**
 * Round trips on real records: the kaggle head (physics and maths, 2007) and arXiv's OAI test
 * database. One store and index for the class; only the kaggle head is embedded, with the faster
 * model, to keep the suite quick on two cores.
 */
class SearchServiceTest {
  @TempDir static Path dir;
  static Database db;
  static SearchService search;

  @BeforeAll
  static void indexTheRealRecords() {
    db = TestDatabases.open("sqlite", dir);
    PaperStore store = new PaperStore(db);
    SnapshotImporter importer = new SnapshotImporter(store);
    importer.importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
    EmbeddingStore vectors = new EmbeddingStore(db);
    new VectorBackfill(store, vectors, EmbeddingModel.MINILM).run(2, false);
    importer.importFile(TestData.path("arxiv/arxiv-test-db-509.jsonl"), true, false, r -> {});
    search = new SearchService(store, vectors, dir.resolve("index"), EmbeddingModel.MINILM);
    search.catchUp();
  }

  @AfterAll
  static void close() {
    search.close();
    db.close();
  }

  private static List<String> ids(String query, SearchMode mode) {
    return ids(SearchRequest.of(query).withMode(mode).withPage(0, 20));
  }

  private static List<String> ids(SearchRequest request) {
    return search.search(request).hits().stream().map(h -> h.paper().id().value()).toList();
  }

  @Test
  void everyPaperOfBothFilesIsIndexed() {
    assertThat(search.indexedPapers()).isEqualTo((int) new PaperStore(db).count());
  }

  @Test
  void fieldPrefixesSearchOnlyTheirField() {
    assertThat(ids("ti:diphoton", SearchMode.BM25)).first().isEqualTo("0704.0001");
    // Balázs is written Bal\'azs in the authors line; the parsed name folds to "balazs"
    assertThat(ids("au:balazs", SearchMode.BM25)).contains("0704.0001").hasSizeLessThan(4);
    assertThat(ids("au:Yurkin", SearchMode.BM25)).contains("0704.0033", "0704.0037");
    // "Tevatron" is in 0704.0001's abstract and title, but no title says "perturbative"
    assertThat(ids("ti:perturbative", SearchMode.BM25)).doesNotContain("0704.0001");
    assertThat(ids("abs:perturbative", SearchMode.BM25)).contains("0704.0001");
  }

  @Test
  void stemmingMatchesOtherFormsOfAWord() {
    assertThat(ids("polytope classifying", SearchMode.BM25)).first().isEqualTo("0704.0049");
  }

  @Test
  void quotesRequireThePhraseInOrder() {
    assertThat(ids("\"discrete dipole approximation\"", SearchMode.BM25)).contains("0704.0033", "0704.0037");
    assertThat(ids("\"approximation dipole discrete\"", SearchMode.BM25)).isEmpty();
  }

  @Test
  void aMinusExcludesPapersWithTheWord() {
    List<String> all = ids("dipole", SearchMode.BM25);
    assertThat(all).contains("0704.0033", "0704.0037");
    List<String> without = ids("dipole -convergence", SearchMode.BM25);
    assertThat(without).contains("0704.0037").doesNotContain("0704.0033");
    assertThat(ids("dipole -convergence", SearchMode.HYBRID)).doesNotContain("0704.0033");
  }

  @Test
  void categoryFiltersApplyToEveryMode() {
    for (SearchMode mode : SearchMode.values()) {
      List<String> hits = ids(SearchRequest.of("quantum field theory").withMode(mode).withCategory("hep-th", true));
      assertThat(hits).as(mode.label()).isNotEmpty();
      for (String id : hits) {
        assertThat(new PaperStore(db).find(new ArxivId(id)).orElseThrow().primaryCategory()).as(id).isEqualTo("hep-th");
      }
    }
    // cat: in the query takes an archive: every physics.* category
    assertThat(ids("cat:physics dipole", SearchMode.BM25)).contains("0704.0033");
    assertThat(ids("cat:hep dipole", SearchMode.BM25)).doesNotContain("0704.0033");
  }

  @Test
  void dateRangesAndNewestFirst() {
    SearchRequest request = SearchRequest.of("theory").withMode(SearchMode.BM25).withPage(0, 50)
        .withDates(LocalDate.of(2010, 1, 1), LocalDate.of(2012, 12, 31), SearchRequest.DateField.ANNOUNCED)
        .withOrder(SearchRequest.Order.NEWEST);
    List<LocalDate> dates = search.search(request).hits().stream().map(h -> h.paper().publishedOn()).toList();
    assertThat(dates).isNotEmpty().allSatisfy(d -> assertThat(d).isBetween(LocalDate.of(2010, 1, 1), LocalDate.of(2012, 12, 31)));
    assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void pagesDoNotOverlap() {
    List<String> first = ids(SearchRequest.of("magnetic field").withMode(SearchMode.BM25).withPage(0, 5));
    List<String> second = ids(SearchRequest.of("magnetic field").withMode(SearchMode.BM25).withPage(5, 5));
    List<String> both = ids(SearchRequest.of("magnetic field").withMode(SearchMode.BM25).withPage(0, 10));
    assertThat(first).hasSize(5).doesNotContainAnyElementsOf(second);
    assertThat(both).containsExactlyElementsOf(java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
  }

  @Test
  void snippetsMarkMatchesAndEscapeThePapersText() {
    // 0704.0049's abstract says "for d<=7": real text a page must escape
    SearchResults.Hit hit = search.search(SearchRequest.of("fano polytopes").withMode(SearchMode.BM25)).hits().getFirst();
    assertThat(hit.paper().id().value()).isEqualTo("0704.0049");
    assertThat(hit.titleHtml()).contains("<mark>Fano</mark>");
    String all = hit.titleHtml() + hit.snippetHtml();
    assertThat(all.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
  }

  @Test
  void semanticSearchFindsPapersByMeaningWithoutTheWords() {
    // none of these words is in 0704.0001's title; its abstract speaks of photon pairs at colliders
    assertThat(ids("two photons produced in proton collisions", SearchMode.SEMANTIC).subList(0, 5)).contains("0704.0001");
    SearchResults hybrid = search.search(SearchRequest.of("photon pairs at hadron colliders"));
    assertThat(hybrid.mode()).isEqualTo(SearchMode.HYBRID);
    assertThat(hybrid.hits().getFirst().paper().id().value()).isEqualTo("0704.0001");
    assertThat(hybrid.hits().getFirst().snippetHtml()).contains("<mark>");
  }

  @Test
  void similarPapersAreTheRealNeighboursAndNeverItself() {
    // part I of "Convergence of the discrete dipole approximation"; part II and the group's two other
    // papers on the method are in the kaggle head too
    SimilarPapers found = search.similar(ArxivId.parse("0704.0033"), 5);
    assertThat(found.basis().kind()).isEqualTo(Basis.Kind.MEANING);
    List<SimilarPaper> similar = found.papers();
    List<String> ids = similar.stream().map(s -> s.paper().id().value()).toList();
    assertThat(ids).hasSize(5).doesNotContain("0704.0033");
    assertThat(ids.getFirst()).isEqualTo("0704.0035");
    assertThat(ids.subList(0, 3)).containsAnyOf("0704.0037", "0704.0038");
    assertThat(similar.getFirst().similarity()).isBetween(0.5, 1.0);
  }

  @Test
  void badInputGetsAClearMessage() {
    assertThatThrownBy(() -> search.search(SearchRequest.of("   "))).isInstanceOf(Refusal.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> search.search(SearchRequest.of("x".repeat(501)))).isInstanceOf(Refusal.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> search.search(SearchRequest.of("foo:bar"))).isInstanceOf(Refusal.class)
        .hasMessageContaining("unknown field 'foo:'");
    assertThatThrownBy(() -> search.search(SearchRequest.of("the of and"))).isInstanceOf(Refusal.class)
        .hasMessageContaining("common words");
    assertThatThrownBy(() -> search.search(SearchRequest.of("a").withPage(0, 0))).isInstanceOf(Refusal.class);
    assertThatThrownBy(() -> search.similar(ArxivId.parse("2401.00001"), 5)).isInstanceOf(Refusal.class)
        .hasMessageContaining("no paper");
  }

  @Test
  void anUnclosedQuoteRunsToTheEnd() {
    assertThat(ids("\"discrete dipole", SearchMode.BM25)).contains("0704.0033", "0704.0037");
    // colons that are not field prefixes stay words
    assertThat(ids("ratio 3:1 dipole", SearchMode.BM25)).contains("0704.0033");
  }

  @Test
  void queriesOfRandomPunctuationNeverFailUnexpectedly() {
    java.util.Random random = new java.util.Random(7);
    String alphabet = "ab \"-:*()[]{}~^!?&|\\/<>'tiauabscat.";
    for (int i = 0; i < 300; i++) {
      StringBuilder q = new StringBuilder();
      for (int n = random.nextInt(12); n >= 0; n--) q.append(alphabet.charAt(random.nextInt(alphabet.length())));
      try {
        search.search(SearchRequest.of(q.toString()).withMode(SearchMode.BM25));
      } catch (Refusal expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void reopeningTheIndexResumesFromItsCommittedCursor() {
    PaperIndex.Cursor before = search.index().cursor();
    try (SearchService again = new SearchService(new PaperStore(db), new EmbeddingStore(db), dir.resolve("index2"),
        EmbeddingModel.MINILM)) {
      again.catchUp();
      assertThat(again.index().cursor()).isEqualTo(before);
    }
    try (SearchService reopened = new SearchService(new PaperStore(db), new EmbeddingStore(db), dir.resolve("index2"),
        EmbeddingModel.MINILM)) {
      assertThat(reopened.index().cursor()).isEqualTo(before);
      assertThat(reopened.catchUp()).isEqualTo(new PaperIndex.CatchUp(0, 0));
    }
    // another model's vectors cannot answer this model's queries: the index starts again
    try (SearchService otherModel = new SearchService(new PaperStore(db), new EmbeddingStore(db), dir.resolve("index2"),
        EmbeddingModel.BGE_SMALL)) {
      assertThat(otherModel.index().cursor()).isEqualTo(PaperIndex.Cursor.START);
      assertThat(otherModel.catchUp().papers()).isEqualTo(search.indexedPapers());
    }
  }
}
