package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.paper.PaperStore.UpsertCounts;

class PaperStoreTest {
  @TempDir Path dir;

  static Paper paper(String id, int version, String title, LocalDate updated) {
    List<Version> versions = new java.util.ArrayList<>();
    for (int v = 1; v <= version; v++) {
      versions.add(new Version(v, Instant.parse("2024-01-0" + v + "T10:00:00Z"), v + "kb"));
    }
    return new Paper(ArxivId.parse(id), version, title, "An abstract with $\\alpha < \\beta$ & <b>tags</b>.",
        "Ada Lovelace and Alan Turing", List.of(new Author("Lovelace", "Ada", ""), new Author("Turing", "Alan", "")),
        List.of("cs.LG", "stat.ML"), "10 pages", null, null, null, "http://creativecommons.org/licenses/by/4.0/", "Ada",
        versions, versions.isEmpty() ? null : versions.getFirst().submittedAt(), updated, null);
  }

  @StoreKinds
  void storesEveryFieldAndReadsItBack(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      Paper p = paper("2401.01234", 2, "Attention", LocalDate.parse("2024-01-03"));
      assertThat(store.upsert(List.of(p))).isEqualTo(new UpsertCounts(1, 0, 0));
      assertThat(store.find(p.id())).contains(p);
      assertThat(store.find(ArxivId.parse("2401.99999"))).isEmpty();
    }
  }

  @StoreKinds
  void theSameRecordTwiceChangesNothing(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      Paper p = paper("hep-th/9901001", 1, "Strings", LocalDate.parse("2024-01-02"));
      store.upsert(List.of(p));
      long seq = store.lastChangeSeq();
      assertThat(store.upsert(List.of(p, p))).isEqualTo(new UpsertCounts(0, 0, 2));
      assertThat(store.lastChangeSeq()).as("an unchanged write must not bump the change number").isEqualTo(seq);
      assertThat(store.stats().papers()).isEqualTo(1);
      assertThat(store.stats().versions()).isEqualTo(1);
    }
  }

  @StoreKinds
  void aNewerVersionUpdatesAndKeepsHistoryButAnOlderOneNeverOverwrites(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      Paper v1 = paper("2401.01234", 1, "Draft title", LocalDate.parse("2024-01-02"));
      Paper v3 = paper("2401.01234", 3, "Final title", LocalDate.parse("2024-01-04"));
      store.upsert(List.of(v1));
      assertThat(store.upsert(List.of(v3))).isEqualTo(new UpsertCounts(0, 1, 0));
      assertThat(store.upsert(List.of(v1))).isEqualTo(new UpsertCounts(0, 0, 1));
      Paper stored = store.find(v1.id()).orElseThrow();
      assertThat(stored.title()).isEqualTo("Final title");
      assertThat(stored.latestVersion()).isEqualTo(3);
      assertThat(stored.versions()).extracting(Version::number).containsExactly(1, 2, 3);
    }
  }

  @StoreKinds
  void aCorrectionOfTheSameVersionUpdatesOnlyWhenNotOlder(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      Paper first = paper("2401.01234", 1, "Title", LocalDate.parse("2024-01-02"));
      Paper corrected = paper("2401.01234", 1, "Title, corrected", LocalDate.parse("2024-02-01"));
      Paper stale = paper("2401.01234", 1, "Title, stale", LocalDate.parse("2024-01-01"));
      store.upsert(List.of(first));
      assertThat(store.upsert(List.of(corrected)).updated()).isEqualTo(1);
      assertThat(store.upsert(List.of(stale)).unchanged()).isEqualTo(1);
      assertThat(store.find(first.id()).orElseThrow().title()).isEqualTo("Title, corrected");
    }
  }

  @StoreKinds
  void derivedIndexesCanFollowEveryWriteInOrder(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      store.upsert(List.of(paper("2401.00001", 1, "A", null), paper("2401.00002", 1, "B", null)));
      store.upsert(List.of(paper("2401.00003", 1, "C", null)));
      store.upsert(List.of(paper("2401.00001", 2, "A2", null)));
      List<PaperStore.StoredPaper> all = store.changedAfter(0, "", 100);
      assertThat(all).extracting(sp -> sp.paper().id().value()).containsExactly("2401.00002", "2401.00003", "2401.00001");
      PaperStore.StoredPaper second = all.get(1);
      assertThat(store.changedAfter(second.changeSeq(), second.paper().id().value(), 100))
          .extracting(sp -> sp.paper().title()).containsExactly("A2");
    }
  }

  @StoreKinds
  void aCursorInsideOneWriteResumesAfterItsPaper(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      store.upsert(List.of(paper("2401.00003", 1, "C", null), paper("2401.00001", 1, "A", null),
          paper("2401.00002", 1, "B", null)));
      store.upsert(List.of(paper("2401.00000", 1, "Z", null)));
      List<String> walked = new ArrayList<>();
      long seq = 0;
      String id = "";
      for (List<PaperStore.StoredPaper> page; !(page = store.changedAfter(seq, id, 2)).isEmpty(); ) {
        page.forEach(sp -> walked.add(sp.paper().id().value()));
        seq = page.getLast().changeSeq();
        id = page.getLast().paper().id().value();
      }
      assertThat(walked).containsExactly("2401.00001", "2401.00002", "2401.00003", "2401.00000");
    }
  }

  /** The cursor query must read one range of an index, not sort every row after the cursor for each page. */
  @Test
  void theCursorQueryReadsOneIndexRangeOnSqlite() throws Exception {
    try (Database db = TestDatabases.open("sqlite", dir)) {
      List<String> plan = db.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + PaperStore.CHANGED_AFTER)
          .bind("seq", 5L).bind("id", "2401.00001").bind("limit", 2000).map((rs, ctx) -> rs.getString("detail")).list());
      assertThat(plan).anyMatch(step -> step.contains("USING") && step.contains("papers_change_cursor"))
          .noneMatch(step -> step.contains("TEMP B-TREE"))
          .noneMatch(step -> step.contains("MULTI-INDEX OR"));
    }
  }
}
