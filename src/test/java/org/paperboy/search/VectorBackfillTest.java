package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

class VectorBackfillTest {
  @TempDir Path dir;

  @Test
  void aSecondRunEmbedsOnlyWhatTheFirstDidNotFinish() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      PaperStore papers = new PaperStore(db);
      Path first40 = dir.resolve("first-40.jsonl");
      Files.write(first40, Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, 40));
      new SnapshotImporter(papers).importFile(first40, true, false, r -> {});
      List<Paper> all = papers.changedAfter(0, "", 100).stream().map(PaperStore.StoredPaper::paper).toList();
      EmbeddingStore vectors = new EmbeddingStore(db);
      VectorBackfill backfill = new VectorBackfill(papers, vectors, EmbeddingModel.MINILM);

      // a run killed after its first batch committed leaves exactly that batch behind
      backfill.run(all.subList(0, VectorBackfill.BATCH), 1, false);
      VectorBackfill.Summary resumed = backfill.run(2, false);
      assertThat(resumed.embedded()).isEqualTo(40 - VectorBackfill.BATCH);
      assertThat(resumed.alreadyDone()).isEqualTo(VectorBackfill.BATCH);
      assertThat(backfill.run(2, false).embedded()).isZero();
      assertThat(vectors.count(EmbeddingModel.MINILM)).isEqualTo(40);
      // vectors are unit length, as the index's dot-product similarity assumes
      float[] v = vectors.find(EmbeddingModel.MINILM, List.of("0704.0001")).get("0704.0001").vector();
      double norm = 0;
      for (float x : v) norm += x * x;
      assertThat(v).hasSize(384);
      assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }
  }
}
