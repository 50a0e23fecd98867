package org.paperboy.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.community.Account;
import org.paperboy.community.Role;
import org.paperboy.paper.ArxivId;

/**
 * The store counts every write to what pages show, in the writer's transaction, so checking whether
 * anything changed costs one row whatever the tables' size; on PostgreSQL every other process hears a
 * commit as it happens.
 */
class StoreChangesTest {
  private static final ArxivId PAPER = ArxivId.parse("0704.0001");

  @TempDir Path dir;

  private Paperboy open(String url, String name) {
    return Paperboy.open(new Config(dir.resolve(name), url));
  }

  @StoreKinds
  void everyKindOfWriteToVotesCommentsAndListsChangesTheirVersion(String kind) {
    try (Paperboy app = open(TestDatabases.freshUrl(kind, dir), "app")) {
      app.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      Account alice = app.accounts().addOrSetRole("alice@lab.example", Role.MEMBER);
      Account curator = app.accounts().addOrSetRole("curator@lab.example", Role.ADMIN);
      Supplier<String> votes = app.votes()::version, comments = app.comments()::version, lists = app.dailyList()::version;

      assertChanges(votes, "a vote", () -> app.votes().upvote(alice, PAPER));
      assertChanges(votes, "a withdrawn vote", () -> app.votes().withdraw(alice, PAPER));
      app.votes().upvote(alice, PAPER);
      long[] id = new long[1];
      assertChanges(comments, "a comment", () -> id[0] = app.comments().add(alice, PAPER, null, "first"));
      assertChanges(comments, "an edit", () -> app.comments().edit(alice, id[0], "first, edited"));
      assertChanges(comments, "hiding", () -> app.comments().setHidden(curator, id[0], true));
      assertChanges(comments, "showing again", () -> app.comments().setHidden(curator, id[0], false));
      assertChanges(comments, "a deletion", () -> app.comments().delete(alice, id[0]));
      assertChanges(comments, "a new name shown with comments", () -> app.accounts().updateProfile(alice, "Alice L.", "", ""));
      assertChanges(votes, "erasing the voter's account", () -> app.accounts().erase(alice.id()));
      LocalDate day = LocalDate.parse("2026-11-28");
      assertChanges(lists, "a listing", () -> app.dailyList().add(day, PAPER, "curator", Instant.parse("2026-11-28T10:00:00Z")));
      assertChanges(lists, "a pin", () -> app.dailyList().setPinned(day, PAPER, true));
      assertChanges(lists, "a removal", () -> app.dailyList().remove(day, PAPER));
      String before = votes.get();
      app.database().jdbi().useHandle(h -> {
        h.begin();
        h.execute("INSERT INTO votes (paper_id, account_id, created_at) VALUES (?, ?, '2026-11-28')", PAPER.value(), curator.id());
        h.rollback();
      });
      assertThat(votes.get()).as("the version after a vote rolled back").isEqualTo(before);
    }
  }

  private static void assertChanges(Supplier<String> version, String what, Runnable write) {
    String before = version.get();
    write.run();
    assertThat(version.get()).as("the version after %s (it was %s)", what, before).isNotEqualTo(before);
  }

  @Test
  void anotherProcessHearsACommitAsItHappensAndNothingOfAnotherStore() throws Exception {
    assumeTrue(TestDatabases.postgresUrl() != null, "needs PAPERBOY_TEST_PG_URL");
    String url = TestDatabases.freshUrl("postgresql", dir);
    LinkedBlockingQueue<Set<String>> heard = new LinkedBlockingQueue<>();
    try (Paperboy node1 = open(url, "node1"); Paperboy node2 = open(url, "node2");
        Paperboy elsewhere = open(TestDatabases.freshUrl("postgresql", dir), "elsewhere");
        StoreChanges changes = StoreChanges.start(node2.database(), heard::add)) {
      node1.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      elsewhere.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      assertThat(heard.poll(30, TimeUnit.SECONDS)).as("told on connecting that anything may have changed")
          .isEqualTo(Set.of(StoreChanges.ANYTHING));
      Account bob = node1.accounts().addOrSetRole("bob@lab.example", Role.MEMBER);
      Account carol = elsewhere.accounts().addOrSetRole("carol@lab.example", Role.MEMBER);
      await().atMost(Duration.ofSeconds(30)).until(() -> drain(heard).isEmpty()); // the import, told by now

      elsewhere.votes().upvote(carol, PAPER);
      try (Handle h = node1.database().jdbi().open()) {
        h.begin();
        h.execute("INSERT INTO votes (paper_id, account_id, created_at) VALUES (?, ?, '2026-11-28')", PAPER.value(), bob.id());
        assertThat(heard.poll(1500, TimeUnit.MILLISECONDS)).as("heard before the commit, or from another store").isNull();
        long committed = System.nanoTime();
        h.commit();
        assertThat(heard.poll(30, TimeUnit.SECONDS)).as("what node 2 hears after node 1 commits a vote").isEqualTo(Set.of("votes"));
        System.out.printf("node 2 heard node 1's vote %.1f ms after the commit%n", (System.nanoTime() - committed) / 1e6);
      }
      node1.snapshotImporter().importFile(TestData.path("arxiv/arxiv-test-db-509.jsonl"), false, false, r -> {});
      assertThat(drain(heard)).as("what node 2 hears of an import by node 1").contains(StoreChanges.PAPERS);
    }
  }

  private static Set<String> drain(LinkedBlockingQueue<Set<String>> heard) throws InterruptedException {
    Set<String> all = new java.util.HashSet<>();
    Set<String> next;
    while ((next = heard.poll(1, TimeUnit.SECONDS)) != null) all.addAll(next);
    return all;
  }
}
