package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

class VectorBackfillTest {
  private static final EmbeddingModel MODEL = EmbeddingModel.MINILM;

  @TempDir Path dir;

  private List<Paper> importFirst(PaperStore papers, int n) throws Exception {
    Path head = dir.resolve("first-" + n + ".jsonl");
    Files.write(head, Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, n));
    new SnapshotImporter(papers).importFile(head, true, false, r -> {});
    return papers.changedAfter(0, "", 1_000).stream().map(PaperStore.StoredPaper::paper).toList();
  }

  @Test
  void aStoppedRunFinishesItsBatchAndTheNextRunDoesOnlyTheRest() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      PaperStore papers = new PaperStore(db);
      importFirst(papers, 40);
      EmbeddingStore vectors = new EmbeddingStore(db);
      VectorBackfill first = new VectorBackfill(papers, vectors, MODEL);

      // a stop asked for during the first batch: that batch is written, nothing after it
      VectorBackfill.Summary stopped = first.run(List.of(VectorTier.FULL), 1, false, () -> first.embedded() > 0).getFirst();
      assertThat(stopped.stopped()).isTrue();
      assertThat(stopped.embedded()).isEqualTo(VectorBackfill.BATCH);
      assertThat(vectors.count(MODEL, VectorTier.FULL)).isEqualTo(VectorBackfill.BATCH);

      VectorBackfill.Summary resumed = new VectorBackfill(papers, vectors, MODEL).run(2, false);
      assertThat(resumed.embedded()).isEqualTo(40 - VectorBackfill.BATCH);
      assertThat(resumed.alreadyDone()).isEqualTo(VectorBackfill.BATCH);
      assertThat(resumed.stopped()).isFalse();
      assertThat(new VectorBackfill(papers, vectors, MODEL).run(2, false).embedded()).isZero();
      assertThat(vectors.count(MODEL)).isEqualTo(40);
      assertThat(vectors.writtenEver()).as("no paper embedded twice").isEqualTo(40);
      // vectors are unit length, as the index's dot-product similarity assumes
      float[] v = vectors.find(MODEL, List.of("0704.0001")).get("0704.0001").vector();
      double norm = 0;
      for (float x : v) norm += x * x;
      assertThat(v).hasSize(384);
      assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }
  }

  @Test
  void everyPaperGetsOneVectorPerTierAndTheQuickOneReadsOnlyTheStart() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      PaperStore papers = new PaperStore(db);
      List<Paper> all = importFirst(papers, 24);
      EmbeddingStore vectors = new EmbeddingStore(db);
      List<VectorBackfill.Summary> runs = new VectorBackfill(papers, vectors, MODEL)
          .run(List.of(VectorTier.TITLE, VectorTier.FULL), 2, false, () -> false);
      assertThat(runs).extracting(VectorBackfill.Summary::embedded).containsExactly(24, 24);
      assertThat(vectors.count(MODEL, VectorTier.TITLE)).isEqualTo(24);
      assertThat(vectors.count(MODEL, VectorTier.FULL)).isEqualTo(24);
      assertThat(vectors.writtenEver()).isEqualTo(48);

      // the quick vector is the model's vector of the text cut at the tier's length, nothing else
      Paper longest = all.stream().max(Comparator.comparingInt(p -> p.abstractText().length())).orElseThrow();
      String id = longest.id().value();
      try (Embedder embedder = new Embedder(MODEL, 1, VectorTier.TITLE.maxTokens(MODEL))) {
        assertThat(embedder.tokenCounts(List.of(EmbeddingStore.textOf(longest)))[0]).isEqualTo(VectorTier.TITLE.maxTokens(MODEL));
        float[] expected = embedder.embed(List.of(EmbeddingStore.textOf(longest)))[0];
        float[] quick = vectors.find(MODEL, VectorTier.TITLE, List.of(id)).get(id).vector();
        float[] full = vectors.find(MODEL, VectorTier.FULL, List.of(id)).get(id).vector();
        // not exactly equal: the quantized model's activations scale with the batch's padding
        assertThat(cosine(quick, expected)).isGreaterThan(0.99);
        assertThat(cosine(quick, full)).as("same space, different text").isBetween(0.3, 0.99);
      }
    }
  }

  @Test
  void aCutOverridesTheTiersOwnSoCutsCanBeCompared() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      PaperStore papers = new PaperStore(db);
      List<Paper> all = importFirst(papers, 8);
      EmbeddingStore vectors = new EmbeddingStore(db);
      int cut = 24;
      assertThatThrownBy(() -> new VectorBackfill(papers, vectors, MODEL).withCut(1)).hasMessageContaining("cut");
      assertThat(new VectorBackfill(papers, vectors, MODEL).withCut(cut).run(List.of(VectorTier.FULL), 1, false, () -> false)
          .getFirst().embedded()).isEqualTo(8);

      Paper longest = all.stream().max(Comparator.comparingInt(p -> p.abstractText().length())).orElseThrow();
      String id = longest.id().value();
      float[] written = vectors.find(MODEL, VectorTier.FULL, List.of(id)).get(id).vector();
      try (Embedder embedder = new Embedder(MODEL, 1)) {
        String text = EmbeddingStore.textOf(longest);
        assertThat(embedder.tokenCounts(List.of(text))[0]).isGreaterThan(2 * cut);
        // the full tier's vector read only the first 24 tokens, not the whole text
        assertThat(cosine(written, embedder.embed(List.of(text), cut)[0])).isGreaterThan(0.99);
        assertThat(cosine(written, embedder.embed(List.of(text))[0])).isLessThan(0.99);
      }
    }
  }

  /** serve's pass: static vectors, then straight to the full ones (the quick pass would delay them: README). */
  @StoreKinds
  void theBackgroundPassGoesFromStaticVectorsStraightToFullOnes(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      importFirst(papers, 12);
      EmbeddingStore vectors = new EmbeddingStore(db);
      Path table = StaticVectors.file(dir.resolve("data"), MODEL);
      StaticVectors.open(MODEL, table, 2, 2_000).close();
      VectorBackfill backfill = new VectorBackfill(papers, vectors, MODEL).withStaticTable(table)
          .withIdleWait(java.time.Duration.ofMillis(200));
      assertThat(backfill.tiers()).containsExactly(VectorTier.STATIC, VectorTier.FULL);
      try (AutoCloseable running = backfill.startInBackground(1, Pacer.NONE)) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
            .until(() -> vectors.count(MODEL, VectorTier.FULL) == 12);
      }
      assertThat(vectors.count(MODEL, VectorTier.STATIC)).isEqualTo(12);
      assertThat(vectors.count(MODEL, VectorTier.TITLE)).as("no quick vectors in between").isZero();
      // without a table (no data directory) the quick ones are still the first vectors a paper gets
      assertThat(new VectorBackfill(papers, vectors, MODEL).tiers()).containsExactly(VectorTier.TITLE, VectorTier.FULL);
    }
  }

  /**
   * The background pass on a store whose disk is full: it pauses instead of ending for good (it used to
   * stop until the server was restarted), and once there is room it gives every paper its vectors.
   */
  @StoreKinds
  void theBackgroundPassPausesOnAFullDiskAndFinishesOnceThereIsRoom(String kind) throws Exception {
    try (org.paperboy.support.SmallDisk disk = org.paperboy.support.SmallDisk.mount(16);
        org.paperboy.support.SmallDisk.Store store = disk.store(kind, dir); Database db = Database.open(store.url())) {
      PaperStore papers = new PaperStore(db);
      importFirst(papers, 12);
      EmbeddingStore vectors = new EmbeddingStore(db);
      if (kind.equals("sqlite")) db.jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)")); // the log must grow to write
      disk.fill();
      VectorBackfill backfill = new VectorBackfill(papers, vectors, MODEL).withIdleWait(java.time.Duration.ofMillis(200));
      try (AutoCloseable running = backfill.startInBackground(1, Pacer.NONE)) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> backfill.failedRounds() >= 2);
        // PostgreSQL may still fit a row or two in pages it had (SQLite fits none: its log must grow)
        assertThat(vectors.count(MODEL, VectorTier.FULL)).as("the pass cannot finish on a full disk").isLessThan(12);
        disk.free();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
            .until(() -> vectors.count(MODEL, VectorTier.FULL) == 12 && backfill.failedRounds() == 0); // the round that did it ended well
      }
    }
  }

  @Test
  void papersOnTheDailyListsGoFirstThenTheNewestDay() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      PaperStore papers = new PaperStore(db);
      List<Paper> all = importFirst(papers, 120);
      List<Paper> oldest = all.stream().sorted(Comparator.comparing(Paper::publishedOn)).limit(5).toList();
      List<ArxivId> listed = oldest.stream().map(Paper::id).toList();
      EmbeddingStore vectors = new EmbeddingStore(db);
      VectorBackfill backfill = new VectorBackfill(papers, vectors, new VectorClaims(db, Clock.systemUTC()), MODEL,
          () -> listed, Clock.systemUTC()).withBatch(1);
      // the order holds window by window (inside one, batches go by length): stop after the first
      backfill.run(List.of(VectorTier.TITLE), 1, false, () -> backfill.embedded() >= VectorBackfill.WINDOW);

      List<EmbeddingStore.StoredVector> written = vectors.writtenAfter(MODEL, 0, 1_000);
      assertThat(written).hasSize(VectorBackfill.WINDOW);
      assertThat(written.subList(0, 5)).extracting(EmbeddingStore.StoredVector::paperId)
          .as("the listed papers, though they are the oldest")
          .containsExactlyInAnyOrderElementsOf(listed.stream().map(ArxivId::value).toList());
      Set<String> done = written.stream().map(EmbeddingStore.StoredVector::paperId).collect(Collectors.toSet());
      Map<Boolean, List<LocalDate>> days = all.stream().filter(p -> !listed.contains(p.id()))
          .collect(Collectors.partitioningBy(p -> done.contains(p.id().value()),
              Collectors.mapping(Paper::publishedOn, Collectors.toList())));
      LocalDate oldestDone = days.get(true).stream().min(Comparator.naturalOrder()).orElseThrow();
      LocalDate newestWaiting = days.get(false).stream().max(Comparator.naturalOrder()).orElseThrow();
      assertThat(newestWaiting).as("no paper still waiting is newer than one already done").isBeforeOrEqualTo(oldestDone);
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
    return dot; // both unit length
  }
}
