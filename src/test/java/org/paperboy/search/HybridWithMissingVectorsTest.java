package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

/**
 * Hybrid search and similar papers while only some papers have a vector, as on a new instance still
 * embedding: the 200 real records of the kaggle head, embedded once (the fast model), each test giving
 * vectors to a different part of them.
 */
class HybridWithMissingVectorsTest {
  private static final List<String> QUERIES = List.of("discrete dipole approximation", "quantum field theory",
      "magnetic field", "galaxy cluster", "graph colouring", "neutrino oscillations");

  @TempDir static Path shared;
  @TempDir Path dir;
  static Database cacheDb;
  static EmbeddingStore cache;
  static List<Paper> all;
  Database db;
  SearchService search;

  @BeforeAll
  static void embedTheRecordsOnce() {
    cacheDb = TestDatabases.open("sqlite", shared);
    PaperStore store = new PaperStore(cacheDb);
    new SnapshotImporter(store).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
    cache = new EmbeddingStore(cacheDb);
    new VectorBackfill(store, cache, EmbeddingModel.MINILM).run(2, false);
    all = store.changedAfter(0, "", 1_000).stream().map(PaperStore.StoredPaper::paper).toList();
  }

  @AfterAll
  static void closeCache() {
    cacheDb.close();
  }

  @AfterEach
  void close() {
    if (search != null) search.close();
    if (db != null) db.close();
  }

  /** A fresh store and index of the same papers where only those {@code having} pass have a vector. */
  private SearchService withVectorsFor(Predicate<Paper> having) {
    db = TestDatabases.open("sqlite", dir);
    PaperStore store = new PaperStore(db);
    store.upsert(all);
    EmbeddingStore vectors = new EmbeddingStore(db);
    List<Paper> chosen = all.stream().filter(having).toList();
    Map<String, EmbeddingStore.StoredVector> found = cache.find(EmbeddingModel.MINILM, chosen.stream().map(p -> p.id().value()).toList());
    float[][] v = chosen.stream().map(p -> found.get(p.id().value()).vector()).toArray(float[][]::new);
    if (!chosen.isEmpty()) vectors.put(EmbeddingModel.MINILM, chosen, v);
    search = new SearchService(store, vectors, dir.resolve("index-" + java.util.UUID.randomUUID()), EmbeddingModel.MINILM);
    search.catchUp();
    return search;
  }

  private List<String> ids(String query, SearchMode mode) {
    return search.search(SearchRequest.of(query).withMode(mode).withPage(0, 20)).hits().stream()
        .map(h -> h.paper().id().value()).toList();
  }

  @Test
  void withoutAnyVectorHybridAndSemanticRankExactlyAsKeywordsAndSaySo() {
    withVectorsFor(p -> false);
    for (String q : QUERIES) {
      List<String> keywords = ids(q, SearchMode.BM25);
      assertThat(ids(q, SearchMode.HYBRID)).as(q).isEqualTo(keywords);
      assertThat(ids(q, SearchMode.SEMANTIC)).as(q).isEqualTo(keywords);
    }
    SearchResults r = search.search(SearchRequest.of("magnetic field"));
    assertThat(r.mode()).isEqualTo(SearchMode.BM25);
    assertThat(r.basis().kind()).isEqualTo(Basis.Kind.WORDS);
    assertThat(r.basis().note()).isEqualTo("ranked by words only: no paper has a vector yet");
  }

  @Test
  void papersThatMerelyHaveAVectorNeverPushAsideThePapersThatMatch() {
    withVectorsFor(p -> true);
    Set<String> matching = Set.copyOf(ids("dipole", SearchMode.BM25));
    assertThat(matching).contains("0704.0033", "0704.0037");
    search.close();
    db.close();
    // every paper has a vector except those that contain the word
    withVectorsFor(p -> !matching.contains(p.id().value()));
    List<String> keywords = ids("dipole", SearchMode.BM25);
    SearchResults hybrid = search.search(SearchRequest.of("dipole").withPage(0, 20));
    assertThat(hybrid.hits().stream().map(h -> h.paper().id().value()).toList()).isEqualTo(keywords);
    assertThat(hybrid.basis().note()).isEqualTo("ranked by words only: none of the matching papers has a vector yet");
  }

  @Test
  void theBestKeywordMatchWithoutAVectorStaysFirstAmongPapersWithVectors() {
    for (String q : QUERIES) {
      withVectorsFor(p -> true);
      String best = ids(q, SearchMode.BM25).getFirst();
      search.close();
      db.close();
      withVectorsFor(p -> !p.id().value().equals(best));
      assertThat(ids(q, SearchMode.HYBRID).getFirst()).as(q).isEqualTo(best);
      search.close();
      db.close();
      search = null;
      db = null;
    }
  }

  @Test
  void aListRankedByMeaningOverPartOfTheCorpusSaysHowMuch() {
    List<String> half = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 2) half.add(all.get(i).id().value());
    withVectorsFor(p -> half.contains(p.id().value()));
    SearchResults hybrid = search.search(SearchRequest.of("magnetic field"));
    assertThat(hybrid.basis().kind()).isEqualTo(Basis.Kind.WORDS_AND_MEANING);
    assertThat(hybrid.basis().vectorShare()).isEqualTo(0.5);
    assertThat(hybrid.basis().note()).isEqualTo("meaning: 50% of papers so far");
    SearchResults semantic = search.search(SearchRequest.of("magnetic field").withMode(SearchMode.SEMANTIC));
    assertThat(semantic.basis().describe()).isEqualTo("Ranked by meaning (meaning: 50% of papers so far)");
    assertThat(search.search(SearchRequest.of("magnetic field").withMode(SearchMode.BM25)).basis().note()).isEmpty();
  }

  @Test
  void withEveryVectorTheListSaysNothingMoreThanItsMode() {
    withVectorsFor(p -> true);
    SearchResults hybrid = search.search(SearchRequest.of("magnetic field"));
    assertThat(hybrid.basis().kind()).isEqualTo(Basis.Kind.WORDS_AND_MEANING);
    assertThat(hybrid.basis().note()).isEmpty();
  }

  @Test
  void similarPapersComeByWordsWhenThePaperHasNoVectorAndSaySo() {
    // part I of "Convergence of the discrete dipole approximation" has no vector; part II does
    withVectorsFor(p -> !p.id().value().equals("0704.0033"));
    SimilarPapers byWords = search.similar(ArxivId.parse("0704.0033"), 5);
    assertThat(byWords.basis().kind()).isEqualTo(Basis.Kind.WORDS);
    assertThat(byWords.basis().describe()).isEqualTo("Ranked by words only: this paper has no vector yet");
    List<String> ids = byWords.papers().stream().map(s -> s.paper().id().value()).toList();
    assertThat(ids).hasSize(5).doesNotContain("0704.0033");
    assertThat(ids.getFirst()).isEqualTo("0704.0035");
    assertThat(byWords.papers().getFirst().similarity()).isEqualTo(1.0);

    SimilarPapers byMeaning = search.similar(ArxivId.parse("0704.0035"), 5);
    assertThat(byMeaning.basis().kind()).isEqualTo(Basis.Kind.MEANING);
    assertThat(byMeaning.papers()).hasSize(5);
  }

  @Test
  void aPaperWhoseVectorIsTheOnlyOneStillGetsNeighboursByWords() {
    withVectorsFor(p -> p.id().value().equals("0704.0033"));
    SimilarPapers similar = search.similar(ArxivId.parse("0704.0033"), 3);
    assertThat(similar.basis().kind()).isEqualTo(Basis.Kind.WORDS);
    assertThat(similar.basis().note()).isEqualTo("ranked by words only: no other paper has a vector yet");
    assertThat(similar.papers()).isNotEmpty();
  }
}
