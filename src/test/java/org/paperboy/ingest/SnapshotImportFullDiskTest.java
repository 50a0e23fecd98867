package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.support.ChildJvm;
import org.paperboy.support.SmallDisk;

/**
 * An import that fills the disk under the store (SQLite's file; PostgreSQL's tablespace): one line that
 * says so and what to do, exit code 1, no trace; then, with room again, the same command ends exactly
 * as one clean run would, its search index complete.
 */
class SnapshotImportFullDiskTest {
  static final int RECORDS = 10_000;

  @TempDir Path dir;

  @StoreKinds
  void anImportThatFillsTheDiskSaysSoInOneLineAndTheSameCommandFinishesOnceThereIsRoom(String kind) throws Exception {
    Path file = SnapshotImportCrashTest.firstRecords(dir.resolve("cs-head.jsonl"), RECORDS);
    try (SmallDisk disk = SmallDisk.mount(12); SmallDisk.Store store = disk.store(kind, dir)) {
      ChildJvm.Result full = ChildJvm.run(dir, "import", file.toString(), "--data", store.data().toString(), "--db", store.url());

      assertThat(full.exit()).as("%s", full).isEqualTo(1);
      assertThat(full.messages().lines().filter(l -> l.contains("full")).toList()).as("%s", full)
          .singleElement().asString().startsWith("paperboy: the disk is full (")
          .contains("free some space and try again");
      assertThat(full.messages().strip()).as("the last word").endsWith("nothing is lost or stored twice");
      assertThat(full.messages()).as("%s", full).doesNotContain("Exception", "\tat ");
      long stored = SnapshotImportCrashTest.papersIn(store.url());
      assertThat(stored).as("what was stored before the disk filled up").isLessThan(RECORDS);

      disk.grow(400);
      ChildJvm.Result again = ChildJvm.run(dir, "import", file.toString(), "--data", store.data().toString(), "--db", store.url());
      assertThat(again.exit()).as("%s", again).isZero();

      String cleanUrl = TestDatabases.freshUrl(kind, dir.resolve("clean"));
      try (Paperboy app = Paperboy.open(new Config(dir.resolve("clean"), cleanUrl))) {
        app.snapshotImporter().importFile(file, true, false, r -> {});
      }
      assertThat(SnapshotImportCrashTest.fingerprint(store.url())).isEqualTo(SnapshotImportCrashTest.fingerprint(cleanUrl));
      try (Paperboy app = Paperboy.open(new Config(store.data(), store.url()))) {
        assertThat(app.search().indexedPapers()).as("the search index, built by the second run").isEqualTo(RECORDS);
      }
    }
  }

  /** SQLite cannot even open a store on a full disk (its shared-memory file must grow): it says "disk I/O error"; so do we, and why. */
  @org.junit.jupiter.api.Test
  void aStoreOnAFullDiskThatCannotBeOpenedSaysTheDiskIsFull() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(12); SmallDisk.Store store = disk.store("sqlite", dir)) {
      try (Paperboy app = Paperboy.open(new Config(store.data(), store.url()))) {
        app.snapshotImporter().importFile(org.paperboy.TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      }
      disk.fill();
      ChildJvm.Result stats = ChildJvm.run(dir, "stats", "--data", store.data().toString(), "--db", store.url());
      assertThat(stats.exit()).as("%s", stats).isEqualTo(1);
      assertThat(stats.messages().strip()).as("%s", stats).doesNotContain("\n", "Exception")
          .startsWith("paperboy: cannot open the database").endsWith("the disk holding it is full: free some space and try again");
    }
  }
}
