package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.Version;
import org.paperboy.support.Refusal;

class SnapshotImporterTest {
  @TempDir Path dir;

  @StoreKinds
  void importsTheKaggleHeadWithItsRealFields(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      SnapshotImporter.Summary s = new SnapshotImporter(store)
          .importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      assertThat(s).isEqualTo(new SnapshotImporter.Summary(200, 200, 0, 0, 0));
      Paper p = store.find(ArxivId.parse("0704.0001")).orElseThrow();
      assertThat(p.title()).isEqualTo("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
      assertThat(p.abstractText()).startsWith("A fully differential calculation in perturbative quantum chromodynamics is presented")
          .doesNotContain("\n");
      assertThat(p.authors().getFirst().lastName()).isEqualTo("Balázs");
      assertThat(p.authorsLine()).isEqualTo("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan");
      assertThat(p.categories()).containsExactly("hep-ph");
      assertThat(p.doi()).isEqualTo("10.1103/PhysRevD.76.013009");
      assertThat(p.journalRef()).isEqualTo("Phys.Rev.D76:013009,2007");
      assertThat(p.reportNo()).isEqualTo("ANL-HEP-PR-07-12");
      assertThat(p.versions()).extracting(Version::number).containsExactly(1, 2);
      assertThat(p.latestVersion()).isEqualTo(2);
      assertThat(p.firstSubmitted()).hasToString("2007-04-02T19:18:42Z");
    }
  }

  @StoreKinds
  void reimportingTheSameSnapshotChangesNothing(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      SnapshotImporter importer = new SnapshotImporter(store);
      Path file = TestData.path("arxiv/arxiv-test-db-509.jsonl");
      SnapshotImporter.Summary first = importer.importFile(file, true, false, r -> {});
      long seq = store.lastChangeSeq();
      PaperStore.Stats stats = store.stats();
      SnapshotImporter.Summary again = importer.importFile(file, true, false, r -> {});
      assertThat(first.inserted() + first.updated()).isEqualTo(509);
      assertThat(again).isEqualTo(new SnapshotImporter.Summary(509, 0, 0, 509, 0));
      assertThat(store.stats()).isEqualTo(stats);
      assertThat(store.lastChangeSeq()).isEqualTo(seq);
    }
  }

  @StoreKinds
  void aNewerVersionOfARecordUpdatesIt(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      SnapshotImporter importer = new SnapshotImporter(store);
      String original = Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).getFirst();
      String newer = original
          .replace("{\"version\":\"v2\",\"created\":\"Tue, 24 Jul 2007 20:10:27 GMT\"}",
              "{\"version\":\"v2\",\"created\":\"Tue, 24 Jul 2007 20:10:27 GMT\"},{\"version\":\"v3\",\"created\":\"Wed, 5 Sep 2007 10:00:00 GMT\"}")
          .replace("Calculation of prompt diphoton", "Revised calculation of prompt diphoton");
      assertThat(newer).contains("v3").contains("Revised");
      Path oldFile = Files.writeString(dir.resolve("old.jsonl"), original + "\n");
      Path newFile = Files.writeString(dir.resolve("new.jsonl"), newer + "\n");
      importer.importFile(oldFile, true, false, r -> {});
      assertThat(importer.importFile(newFile, true, false, r -> {}).updated()).isEqualTo(1);
      assertThat(importer.importFile(oldFile, true, false, r -> {}).unchanged()).isEqualTo(1);
      Paper p = store.find(ArxivId.parse("0704.0001")).orElseThrow();
      assertThat(p.title()).startsWith("Revised");
      assertThat(p.versions()).extracting(Version::number).containsExactly(1, 2, 3);
    }
  }

  @StoreKinds
  void aPaperRepeatedInOneBatchEndsAsIfWrittenOneAtATime(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      String original = Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).getFirst();
      String newer = original
          .replace("{\"version\":\"v2\",\"created\":\"Tue, 24 Jul 2007 20:10:27 GMT\"}",
              "{\"version\":\"v2\",\"created\":\"Tue, 24 Jul 2007 20:10:27 GMT\"},{\"version\":\"v3\",\"created\":\"Wed, 5 Sep 2007 10:00:00 GMT\"}")
          .replace("Calculation of prompt diphoton", "Revised calculation of prompt diphoton");
      Path file = Files.writeString(dir.resolve("repeated.jsonl"), original + "\n" + newer + "\n" + original + "\n");
      SnapshotImporter.Summary s = new SnapshotImporter(store).importFile(file, true, false, r -> {});
      assertThat(s).isEqualTo(new SnapshotImporter.Summary(3, 1, 1, 1, 0));
      Paper p = store.find(ArxivId.parse("0704.0001")).orElseThrow();
      assertThat(p.title()).startsWith("Revised");
      assertThat(p.versions()).extracting(Version::number).containsExactly(1, 2, 3);
    }
  }

  @StoreKinds
  void malformedLinesAreReportedWithTheirLineNumberAndSkipped(String kind) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, 5));
    lines.add(1, "{\"id\": \"0704.00\", \"title\": \"x\", \"categories\": \"cs.AI\"}");
    lines.add(3, "{not json");
    lines.add(5, "");
    lines.add(6, lines.get(0).replace("\"categories\":\"hep-ph\"", "\"categories\":null"));
    Path file = Files.write(dir.resolve("bad.jsonl"), lines);
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      List<SnapshotImporter.Rejection> rejected = new ArrayList<>();
      SnapshotImporter.Summary s = new SnapshotImporter(store).importFile(file, false, false, rejected::add);
      assertThat(rejected).extracting(SnapshotImporter.Rejection::line).containsExactly(2L, 4L, 7L);
      assertThat(rejected.get(0).reason()).contains("field 'id'").contains("0704.00");
      assertThat(rejected.get(1).reason()).contains("not valid JSON");
      assertThat(rejected.get(2).reason()).contains("field 'categories'");
      assertThat(s).isEqualTo(new SnapshotImporter.Summary(8, 5, 0, 0, 3));
      assertThat(store.count()).isEqualTo(5);

      assertThatThrownBy(() -> new SnapshotImporter(store).importFile(file, true, false, r -> {}))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("bad.jsonl:2");
    }
  }

  @StoreKinds
  void importsBothOtherRealFiles(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      SnapshotImporter importer = new SnapshotImporter(store);
      SnapshotImporter.Summary testDb = importer.importFile(TestData.path("arxiv/arxiv-test-db-509.jsonl"), true, false, r -> {});
      assertThat(testDb.rejected()).isZero();
      Paper many = store.find(ArxivId.parse("0806.4129")).orElseThrow();
      assertThat(many.versions()).hasSize(6);
      assertThat(many.authors()).extracting(a -> a.lastName()).contains("Rodrigues");
    }
  }
}
