package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

/** The index is derived from the store: a write there shows in results after the next catch-up. */
class IndexFollowsTheStoreTest {
  @TempDir Path dir;

  /** The first 50 papers a keyword search finds, by id. */
  static List<String> ids(SearchService search, String query) {
    return search.search(SearchRequest.of(query).withMode(SearchMode.BM25).withPage(0, 50)).hits().stream()
        .map(h -> h.paper().id().value()).toList();
  }

  @StoreKinds
  void anUpdatedPaperReplacesItsOldVersionAndItsTextIsEscaped(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      new SnapshotImporter(store).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      try (SearchService search = new SearchService(store, new EmbeddingStore(db), dir.resolve("index"), EmbeddingModel.MINILM)) {
        assertThat(search.catchUp()).isEqualTo(new PaperIndex.CatchUp(200, 0));
        assertThat(ids(search, "chromodynamics")).contains("0704.0001");

        Paper old = store.find(ArxivId.parse("0704.0001")).orElseThrow();
        store.upsert(List.of(newVersion(old, "We revisit diphoton production with a <script>alert('x')</script> tag & an ampersand.")));
        assertThat(search.catchUp()).isEqualTo(new PaperIndex.CatchUp(1, 0));

        assertThat(ids(search, "chromodynamics")).doesNotContain("0704.0001");
        List<SearchResults.Hit> hits = search.search(SearchRequest.of("diphoton revisit").withMode(SearchMode.BM25)).hits();
        assertThat(hits).filteredOn(h -> h.paper().id().equals(old.id())).hasSize(1);
        SearchResults.Hit hit = hits.getFirst();
        assertThat(hit.paper().id()).isEqualTo(old.id());
        assertThat(hit.paper().abstractText()).startsWith("We revisit");
        assertThat(hit.snippetHtml())
            .contains("<mark>revisit</mark>", "<mark>diphoton</mark>", "&lt;script&gt;", "&amp;")
            .doesNotContain("<script>", " & ");
        assertThat(search.indexedPapers()).isEqualTo(200);
      }
    }
  }

  private static Paper newVersion(Paper old, String abstractText) {
    return new Paper(old.id(), old.latestVersion() + 1, old.title(), abstractText, old.authorsLine(), old.authors(),
        old.categories(), old.comments(), old.journalRef(), old.doi(), old.reportNo(), old.license(), old.submitter(),
        old.versions(), old.firstSubmitted(), LocalDate.of(2024, 1, 1), old.announcedOn());
  }

  /**
   * A rebuild adds papers instead of updating them (nothing to replace in an empty index) and splits
   * batches between threads; a paper changed while the rebuild runs is read again and must replace
   * the copy added before, not sit beside it.
   */
  @StoreKinds
  void aPaperChangedDuringARebuildIsIndexedOnceWithItsNewText(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      new SnapshotImporter(store).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      Paper old = store.find(ArxivId.parse("0704.0001")).orElseThrow();
      try (SearchService search = new SearchService(store, new EmbeddingStore(db), dir.resolve("index"), EmbeddingModel.MINILM)) {
        search.catchUp();
        boolean[] changed = {false};
        PaperIndex.CatchUp rebuilt = search.reindex(n -> {
          if (!changed[0]) store.upsert(List.of(newVersion(old, "Zyzzogeton counts of the rebuilt index.")));
          changed[0] = true;
        });

        assertThat(rebuilt.papers()).as("the changed paper is read twice").isEqualTo(201);
        assertThat(search.indexedPapers()).isEqualTo(200);
        assertThat(ids(search, "zyzzogeton")).containsExactly("0704.0001");
        assertThat(ids(search, "chromodynamics")).doesNotContain("0704.0001");
        assertThat(ids(search, "diphoton")).as("its title, in one document").containsExactly("0704.0001");
      }
    }
  }

  @StoreKinds
  void followingTheStoreMakesANewPaperSearchableByWordsAndThenByMeaning(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      EmbeddingStore vectors = new EmbeddingStore(db);
      try (SearchService search = new SearchService(store, vectors, dir.resolve("index"), EmbeddingModel.MINILM);
          AutoCloseable following = search.follow(java.time.Duration.ofMillis(200));
          // it starts before the papers arrive: looking again every 200 ms instead of serve's 10 s finds them sooner
          AutoCloseable embedding = new VectorBackfill(store, vectors, EmbeddingModel.MINILM)
              .withIdleWait(java.time.Duration.ofMillis(200)).startInBackground(1, Pacer.NONE)) {
        // the first 40 real records, as a harvest would bring them: embedding more is slow on CI
        Path first40 = dir.resolve("first-40.jsonl");
        java.nio.file.Files.write(first40,
            java.nio.file.Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, 40));
        new SnapshotImporter(store).importFile(first40, true, false, r -> {});
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
            .until(() -> ids(search, "diphoton").contains("0704.0001"));
        // vectors come behind the words, without a restart: quick ones first, then full ones
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
            .until(() -> search.coverage().full() == 40);
        assertThat(vectors.count(EmbeddingModel.MINILM, VectorTier.TITLE)).as("every paper had a quick vector first").isEqualTo(40);
        assertThat(search.similar(ArxivId.parse("0704.0033"), 3).papers()).extracting(sp -> sp.paper().id().value())
            .contains("0704.0035");
      }
    }
  }

  @StoreKinds
  void aNewPaperIsSearchableAfterTheNextCatchUpWithoutReopening(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      SnapshotImporter importer = new SnapshotImporter(store);
      importer.importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      try (SearchService search = new SearchService(store, new EmbeddingStore(db), dir.resolve("index"), EmbeddingModel.MINILM)) {
        search.catchUp();
        assertThat(ids(search, "\"service-oriented architectures\"")).isEmpty();
        importer.importFile(TestData.path("arxiv/arxiv-test-db-509.jsonl"), true, false, r -> {});
        search.catchUp();
        assertThat(ids(search, "\"service-oriented architectures\"")).contains("0907.2974");
      }
    }
  }

  /**
   * Vectors written by several workers at once (other processes, other machines) all reach the index,
   * though the index reads "rows after the last one it saw": a row whose id was handed out early but
   * committed late must not be skipped.
   */
  @StoreKinds
  void theIndexMissesNoVectorWrittenByConcurrentWorkers(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      new SnapshotImporter(store).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      List<Paper> papers = store.changedAfter(0, "", 200).stream().map(PaperStore.StoredPaper::paper).toList();
      EmbeddingStore vectors = new EmbeddingStore(db);
      try (SearchService search = new SearchService(store, vectors, dir.resolve("index-" + kind), EmbeddingModel.MINILM)) {
        search.catchUp();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> workers = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
          int worker = w;
          workers.add(Thread.ofPlatform().start(() -> {
            java.util.Random random = new java.util.Random(worker);
            for (int i = worker; i < papers.size(); i += 4) {
              float[] v = new float[EmbeddingModel.MINILM.dimensions()];
              v[random.nextInt(v.length)] = 1;
              vectors.put(EmbeddingModel.MINILM, VectorTier.FULL, List.of(papers.get(i)), new float[][] {v});
            }
          }));
        }
        Thread follower = Thread.ofPlatform().start(() -> {
          while (writing.get()) search.catchUp();
        });
        for (Thread t : workers) t.join();
        writing.set(false);
        follower.join();
        search.catchUp();
        assertThat(search.coverage().full()).as("papers with a vector in the index").isEqualTo(papers.size());
      }
    }
  }
}
