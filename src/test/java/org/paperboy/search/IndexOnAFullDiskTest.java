package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.DiskFull;
import org.paperboy.support.SmallDisk;

/**
 * The search index on a disk that fills up, the store elsewhere: a pass that cannot write fails as a
 * full disk (which the CLI and the web say in one line), searches keep what they had, and the first
 * pass once there is room again indexes every paper exactly once, also after a restart.
 */
class IndexOnAFullDiskTest {
  @TempDir Path dir;

  @StoreKinds
  void aPassThatFindsNoRoomFailsAsAFullDiskAndTheNextOneAfterSpaceIsFreedIndexesEveryPaperOnce(String kind) throws Exception {
    try (SmallDisk disk = SmallDisk.mount(16); Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      SnapshotImporter importer = new SnapshotImporter(store);
      importer.importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      Path index = disk.root().resolve("index");
      try (SearchService search = new SearchService(store, new EmbeddingStore(db), index, EmbeddingModel.MINILM)) {
        assertThat(search.catchUp().papers()).isEqualTo(200);
        assertThat(IndexFollowsTheStoreTest.ids(search, "chromodynamics")).contains("0704.0001");

        disk.fill();
        importer.importFile(TestData.path("arxiv/arxiv-test-db-509.jsonl"), true, false, r -> {});
        long papers = store.count();
        assertThat(papers).isGreaterThan(600);
        for (int round = 0; round < 2; round++) { // the second round starts from a fresh copy, and fails alike
          assertThatThrownBy(search::catchUp).as("a pass over %d new papers with no room on the disk", papers - 200)
              .satisfies(e -> assertThat(DiskFull.refusalFor(e)).as("a full disk, for %s", e).isPresent());
          assertThat(IndexFollowsTheStoreTest.ids(search, "chromodynamics")).as("searches keep what they had").contains("0704.0001");
        }

        disk.free();
        search.catchUp();
        assertThat((long) search.indexedPapers()).as("every paper once").isEqualTo(papers);
        assertThat(IndexFollowsTheStoreTest.ids(search, "chromodynamics")).contains("0704.0001");
      }
      try (SearchService reopened = new SearchService(store, new EmbeddingStore(db), index, EmbeddingModel.MINILM)) {
        assertThat(reopened.catchUp().papers()).as("nothing left to index after a restart").isZero();
        assertThat((long) reopened.indexedPapers()).isEqualTo(store.count());
      }
    }
  }
}
