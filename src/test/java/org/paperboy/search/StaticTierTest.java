package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

/**
 * The static tier: a table of the model's token vectors, built once per data directory, gives every
 * paper a first vector without a model run per paper. The table here covers the model's first 6,000
 * ordinary tokens (the common words), which builds in seconds; the product builds all of them.
 */
class StaticTierTest {
  private static final EmbeddingModel MODEL = EmbeddingModel.MINILM;
  /** More than one static batch, so a stop can fall between two. */
  private static final int PAPERS = 300;

  @TempDir static Path shared;
  static Path table;
  static Path head;

  @BeforeAll
  static void buildTheTableAndCutTheCorpus() throws Exception {
    table = StaticVectors.file(shared.resolve("data"), MODEL);
    StaticVectors.open(MODEL, table, 2, 6_000).close();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(TestData.path("arxiv/cs-2025-2026.jsonl.gz"))), StandardCharsets.UTF_8))) {
      for (String line; lines.size() < PAPERS && (line = in.readLine()) != null; ) lines.add(line);
    }
    head = Files.write(shared.resolve("cs-head.jsonl"), lines);
  }

  @Test
  void theTableIsBuiltOnceKeptForItsOwnerAndReused() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(table))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(table.getParent()))).isEqualTo("rwx------");
    var built = Files.getLastModifiedTime(table);
    long size = Files.size(table);
    try (StaticVectors again = StaticVectors.open(MODEL, table, 2)) {
      assertThat(Files.getLastModifiedTime(table)).as("read, not built again").isEqualTo(built);
      assertThat(Files.size(table)).isEqualTo(size);
      assertThat(Files.list(table.getParent()).map(p -> p.getFileName().toString())).containsExactly(table.getFileName().toString());
      float[][] v = again.embed(List.of("neural networks for image classification",
          "deep learning models that classify images", "the price of wheat in medieval markets"));
      assertThat(dot(v[0], v[0])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
      assertThat(dot(v[0], v[1])).as("two phrasings of one topic are nearer than another topic")
          .isGreaterThan(dot(v[0], v[2]));
    }
  }

  @ParameterizedTest
  @MethodSource("org.paperboy.db.TestDatabases#kinds")
  void aFreshStoreGetsAStaticVectorForEveryPaperThatSearchAndSimilarPapersUse(String kind, @TempDir Path dir) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      new SnapshotImporter(papers).importFile(head, true, false, r -> {});
      int n = (int) papers.count();
      EmbeddingStore vectors = new EmbeddingStore(db);

      // stopped after its first batch (as a kill between two batches would), then run again: no paper twice
      VectorBackfill first = new VectorBackfill(papers, vectors, MODEL).withStaticTable(table);
      VectorBackfill.Summary stopped = first.run(List.of(VectorTier.STATIC), 1, false, () -> first.embedded() > 0).getFirst();
      assertThat(stopped.stopped()).isTrue();
      assertThat(stopped.embedded()).isEqualTo(VectorBackfill.STATIC_BATCH);
      VectorBackfill.Summary resumed = new VectorBackfill(papers, vectors, MODEL).withStaticTable(table)
          .run(List.of(VectorTier.STATIC), 2, false, () -> false).getFirst();
      assertThat(resumed.embedded()).isEqualTo(n - VectorBackfill.STATIC_BATCH);
      assertThat(resumed.alreadyDone()).isEqualTo(VectorBackfill.STATIC_BATCH);
      assertThat(vectors.count(MODEL, VectorTier.STATIC)).isEqualTo(n);
      assertThat(vectors.writtenEver()).as("no paper given a static vector twice").isEqualTo(n);

      try (SearchService search = new SearchService(papers, vectors, dir.resolve("index"), MODEL)) {
        search.catchUp();
        assertThat(search.coverage().staticOnly()).isEqualTo(n);
        assertThat(search.coverage().share()).isEqualTo(1.0);
        Paper paper = papers.changedAfter(0, "", 1).getFirst().paper();
        SearchResults meaning = search.search(SearchRequest.of(paper.title()).withMode(SearchMode.SEMANTIC).withPage(0, 10));
        assertThat(meaning.basis().kind()).isEqualTo(Basis.Kind.MEANING);
        assertThat(meaning.hits()).extracting(h -> h.paper().id()).as("found by its static vector").contains(paper.id());
        SearchResults hybrid = search.search(SearchRequest.of(paper.title()).withPage(0, 10));
        assertThat(hybrid.basis().kind()).isEqualTo(Basis.Kind.WORDS_AND_MEANING);
        assertThat(hybrid.hits().getFirst().paper().id()).isEqualTo(paper.id());
        SimilarPapers similar = search.similar(paper.id(), 5);
        assertThat(similar.basis().kind()).isEqualTo(Basis.Kind.MEANING);
        assertThat(similar.papers()).hasSize(5).noneMatch(s -> s.paper().id().equals(paper.id()));

        // the model's vector replaces the static one in search, and the static pass has nothing left to do
        new VectorBackfill(papers, vectors, MODEL).run(List.of(paper), 1, false);
        search.catchUp();
        assertThat(search.coverage().full()).isEqualTo(1);
        assertThat(search.coverage().staticOnly()).isEqualTo(n - 1);
        float[] full = vectors.find(MODEL, VectorTier.FULL, List.of(paper.id().value())).get(paper.id().value()).vector();
        assertThat(vectors.find(MODEL, List.of(paper.id().value())).get(paper.id().value()).tier()).isEqualTo(VectorTier.FULL);
        SearchResults byFull = search.search(SearchRequest.of(paper.title()).withMode(SearchMode.SEMANTIC).withPage(0, 1));
        assertThat(byFull.hits().getFirst().score()).as("scored with its full vector")
            .isCloseTo(IndexVectors.score(search.embedder().embedQuery(paper.title()), full), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(new VectorBackfill(papers, vectors, MODEL).withStaticTable(table)
            .run(List.of(VectorTier.STATIC), 1, false, () -> false).getFirst().embedded()).isZero();
      }
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
