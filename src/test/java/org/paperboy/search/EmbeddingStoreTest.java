package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

/** The vectors table on both databases; no model runs here, the vectors are made up. */
class EmbeddingStoreTest {
  @TempDir Path dir;

  @StoreKinds
  void aReplacedVectorGetsANewRowSoTheIndexSeesIt(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      new SnapshotImporter(papers).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      List<Paper> two = papers.findAll(List.of(ArxivId.parse("0704.0001"), ArxivId.parse("0704.0002")));
      EmbeddingStore store = new EmbeddingStore(db);
      float[][] vectors = {{1f, 0f, -0.5f}, {0f, 0.25f, 1f}};
      store.put(EmbeddingModel.MINILM, two, vectors);

      assertThat(store.count(EmbeddingModel.MINILM)).isEqualTo(2);
      assertThat(store.count(EmbeddingModel.BGE_SMALL)).isZero();
      assertThat(store.hashes(EmbeddingModel.MINILM, VectorTier.FULL)).containsEntry("0704.0001", EmbeddingStore.textHash(two.get(0)));
      assertThat(store.find(EmbeddingModel.MINILM, List.of("0704.0002")).get("0704.0002").vector())
          .containsExactly(0f, 0.25f, 1f);

      long before = store.lastRowId(EmbeddingModel.MINILM);
      store.put(EmbeddingModel.MINILM, List.of(two.get(0)), new float[][] {{0.5f, 0.5f, 0.5f}});
      List<EmbeddingStore.StoredVector> after = store.writtenAfter(EmbeddingModel.MINILM, before, 10);
      assertThat(after).extracting(EmbeddingStore.StoredVector::paperId).containsExactly("0704.0001");
      assertThat(after.getFirst().vector()).containsExactly(0.5f, 0.5f, 0.5f);
      assertThat(store.count(EmbeddingModel.MINILM)).isEqualTo(2);
    }
  }

  @StoreKinds
  void aPaperKeepsOneVectorPerTierAndTheBestIsTheFullOneOfItsCurrentText(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore papers = new PaperStore(db);
      new SnapshotImporter(papers).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      Paper paper = papers.find(ArxivId.parse("0704.0001")).orElseThrow();
      EmbeddingStore store = new EmbeddingStore(db);
      store.put(EmbeddingModel.MINILM, VectorTier.TITLE, List.of(paper), new float[][] {{1f, 0f}});
      assertThat(store.find(EmbeddingModel.MINILM, List.of("0704.0001")).get("0704.0001").tier()).isEqualTo(VectorTier.TITLE);
      store.put(EmbeddingModel.MINILM, VectorTier.FULL, List.of(paper), new float[][] {{0f, 1f}});
      assertThat(store.find(EmbeddingModel.MINILM, List.of("0704.0001")).get("0704.0001").vector()).containsExactly(0f, 1f);
      assertThat(store.count(EmbeddingModel.MINILM, VectorTier.TITLE)).isEqualTo(1);
      assertThat(store.count(EmbeddingModel.MINILM, VectorTier.FULL)).isEqualTo(1);
      assertThat(store.count(EmbeddingModel.MINILM)).as("papers, not vectors").isEqualTo(1);

      // the paper's text changes: its new quick vector drops the full one of the old text
      Paper revised = new Paper(paper.id(), paper.latestVersion() + 1, paper.title() + " (revised)", paper.abstractText(),
          paper.authorsLine(), paper.authors(), paper.categories(), paper.comments(), paper.journalRef(), paper.doi(),
          paper.reportNo(), paper.license(), paper.submitter(), paper.versions(), paper.firstSubmitted(),
          paper.lastUpdated(), paper.announcedOn());
      store.put(EmbeddingModel.MINILM, VectorTier.TITLE, List.of(revised), new float[][] {{0.5f, 0.5f}});
      EmbeddingStore.StoredVector best = store.find(EmbeddingModel.MINILM, List.of("0704.0001")).get("0704.0001");
      assertThat(best.tier()).isEqualTo(VectorTier.TITLE);
      assertThat(best.textHash()).isEqualTo(EmbeddingStore.textHash(revised));
      assertThat(store.count(EmbeddingModel.MINILM, VectorTier.FULL)).isZero();
      assertThat(store.writtenEver()).isEqualTo(3);
    }
  }
}
