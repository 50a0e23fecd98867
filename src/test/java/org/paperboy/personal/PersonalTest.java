package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.AppSecrets;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.support.MutableClock;
import org.paperboy.support.Refusal;
import org.paperboy.support.Signer;

class PersonalTest {
  @TempDir Path dir;


  /** A store holding one real user's liked papers, their own new papers and a sample of the days around them. */
  final class World implements AutoCloseable {
    final Database db;
    final RecommendSample sample;
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-30T08:00:00Z"));
    final PersonalVersions versions;
    final PaperCollections collections;
    final Follows follows;
    final Dismissals dismissals;
    final ForYou forYou;
    final long alice, bob;

    World(String kind) {
      db = TestDatabases.open(kind, dir);
      sample = RecommendSample.of("u0031", 8, dir);
      new SnapshotImporter(new PaperStore(db)).importFile(sample.file(), true, false, r -> {});
      alice = account("alice@lab.example");
      bob = account("bob@lab.example");
      versions = new PersonalVersions(db);
      collections = new PaperCollections(db, clock, versions);
      follows = new Follows(db, clock, versions, new Signer(new AppSecrets(db).key("feeds")));
      dismissals = new Dismissals(db, clock, versions);
      forYou = new ForYou(new PaperStore(db), new EmbeddingStore(db), EmbeddingModel.DEFAULT, collections, follows,
          dismissals, versions, id -> List.of(), new FollowMatcher(null), new ForYouRanking(ForYouRanking.Weights.DEFAULT),
          clock, ForYou.DEFAULT_DAYS);
    }

    /** The same member data ranked with other weights. */
    ForYou forYouWith(ForYouRanking.Weights weights) {
      return new ForYou(new PaperStore(db), new EmbeddingStore(db), EmbeddingModel.DEFAULT, collections, follows,
          dismissals, versions, id -> List.of(), new FollowMatcher(null), new ForYouRanking(weights), clock,
          ForYou.DEFAULT_DAYS);
    }

    long account(String email) {
      return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (email, display_name, role,"
          + " sessions_valid_after, created_at) VALUES (:e, :e, 'member', 0, '2026-05-01T00:00:00Z') RETURNING id")
          .bind("e", email).mapTo(Long.class).one());
    }

    void saveLiked(long account) {
      long list = collections.readingList(account).id();
      for (String id : sample.liked()) collections.save(account, list, new ArxivId(id));
    }

    List<String> feedIds(long account, int limit) {
      return forYou.feed(account, 0, limit).items().stream().map(i -> i.paper().id().value()).toList();
    }

    @Override
    public void close() {
      db.close();
    }
  }

  @StoreKinds
  void savingTwiceKeepsOnePaperAndAPrivateCollectionIsNobodyElses(String kind) {
    try (World w = new World(kind)) {
      PaperCollection list = w.collections.readingList(w.alice);
      ArxivId paper = new ArxivId(w.sample.liked().getFirst());
      assertThat(w.collections.save(w.alice, list.id(), paper)).isTrue();
      assertThat(w.collections.save(w.alice, list.id(), paper)).isFalse();
      assertThat(w.collections.papers(list.id())).extracting(SavedPaper::paper).containsExactly(paper);

      assertThat(w.collections.visibleTo(w.bob, list.id())).as("another member").isEmpty();
      assertThat(w.collections.visibleTo(null, list.id())).as("an anonymous visitor").isEmpty();
      assertThatThrownBy(() -> w.collections.save(w.bob, list.id(), paper)).isInstanceOf(Refusal.class)
          .extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);

      w.collections.setPublic(w.alice, list.id(), true);
      assertThat(w.collections.visibleTo(null, list.id())).isPresent();
      assertThatThrownBy(() -> w.collections.create(w.alice, " Reading list ")).isInstanceOf(Refusal.class);
    }
  }

  @StoreKinds
  void aMemberWhoSavedAnAuthorsPapersFindsThatAuthorsNewPapersAtTheTop(String kind) {
    try (World w = new World(kind)) {
      ForYou.Feed cold = w.forYou.feed(w.alice, 0, 20);
      assertThat(cold.coldStart()).as("nothing saved yet").isTrue();
      assertThat(cold.items()).isEmpty();

      w.saveLiked(w.alice);
      ForYou.Feed feed = w.forYou.feed(w.alice, 0, 20);
      assertThat(feed.coldStart()).isFalse();
      List<String> top = feed.items().stream().map(i -> i.paper().id().value()).toList();
      assertThat(top).as("the author's own new papers among %,d", w.sample.papers())
          .containsAnyElementsOf(w.sample.relevant());
      assertThat(top).as("saved papers are not recommended back").doesNotContainAnyElementsOf(w.sample.liked());
      assertThat(feed.items().getFirst().why()).startsWith("like “").endsWith("” in your Reading list");
      assertThat(w.forYou.feed(w.bob, 0, 20).coldStart()).as("bob's feed knows nothing of alice's saves").isTrue();
    }
  }

  @StoreKinds
  void aNewPaperByAnAuthorOfASavedPaperIsLiftedAndSaysWhoseItIs(String kind) throws Exception {
    try (World w = new World(kind)) {
      // the set blanks its new papers' authors; two of them get their real author lists back from the arXiv corpus
      List<String> restored = w.sample.relevant().stream().sorted().limit(2).toList();
      String own = restored.getFirst(), another = restored.getLast();
      new SnapshotImporter(new PaperStore(w.db)).importFile(w.sample.withAuthors(restored, dir), true, false, r -> {});
      // the user's oldest liked paper, on another subject than their May papers, shares an author with them
      String older = w.sample.liked().getFirst();
      w.collections.save(w.alice, w.collections.readingList(w.alice).id(), new ArxivId(older));
      String title = new PaperStore(w.db).find(new ArxivId(older)).orElseThrow().title();

      List<ForYou.Item> feed = w.forYou.feed(w.alice, 0, 20).items();
      List<String> ids = feed.stream().map(i -> i.paper().id().value()).toList();
      assertThat(ids.indexOf(own)).as("on the first half of the first page").isBetween(0, 9);
      String why = feed.get(ids.indexOf(own)).why();
      assertThat(why).matches("by [^,]+, an author of “\\Q" + title + "\\E” in your Reading list");
      assertThat(feed.get(ids.indexOf(own)).paper().authors()).extracting(org.paperboy.paper.Author::displayName)
          .contains(why.substring(3, why.indexOf(',')));

      ForYou.Feed withoutLift = w.forYouWith(new ForYouRanking.Weights(1, 0.5, 1, 1, 1, 1.5, 0.4, 1, 0.1, 0))
          .feed(w.alice, 0, 500);
      List<String> byWords = withoutLift.items().stream().map(i -> i.paper().id().value()).toList();
      assertThat(byWords.indexOf(own)).as("by words alone it ranks lower").isGreaterThan(ids.indexOf(own));
      assertThat(withoutLift.items().get(byWords.indexOf(own)).why()).startsWith("like “");

      // "not interested" in another paper of the same author takes the one saved paper's worth back
      assertThat(w.forYou.feed(w.alice, 0, 500).items()).filteredOn(i -> i.paper().id().value().equals(another))
          .singleElement().extracting(ForYou.Item::why).asString().startsWith("by ");
      w.dismissals.dismiss(w.alice, new ArxivId(another));
      ForYou.Item after = w.forYou.feed(w.alice, 0, 500).items().stream()
          .filter(i -> i.paper().id().value().equals(own)).findFirst().orElseThrow();
      assertThat(after.why()).startsWith("like “");
    }
  }

  @StoreKinds
  void dismissingRemovesThePaperAtOnceAndPushesDownPapersLikeIt(String kind) {
    try (World w = new World(kind)) {
      w.saveLiked(w.alice);
      java.util.Map<String, Double> before = scores(w.forYou.feed(w.alice, 0, 500));
      String first = w.feedIds(w.alice, 1).getFirst();
      w.dismissals.dismiss(w.alice, new ArxivId(first));
      java.util.Map<String, Double> after = scores(w.forYou.feed(w.alice, 0, 500));
      assertThat(after).as("gone at once").doesNotContainKey(first).hasSize(before.size() - 1);
      long lower = after.keySet().stream().filter(id -> after.get(id) < before.get(id) - 1e-9).count();
      long higher = after.keySet().stream().filter(id -> after.get(id) > before.get(id) + 1e-9).count();
      assertThat(lower).as("papers like the dismissed one score lower").isGreaterThan(0);
      assertThat(higher).as("no paper gains from a dismissal").isZero();
      String nearest = after.keySet().stream().max(java.util.Comparator.comparingDouble(id -> before.get(id) - after.get(id)))
          .orElseThrow();
      assertThat(w.feedIds(w.alice, 500).indexOf(nearest)).as("the paper most like it moved down")
          .isGreaterThan(new java.util.ArrayList<>(before.keySet()).indexOf(nearest) - 1);
      w.dismissals.undo(w.alice, new ArxivId(first));
      assertThat(scores(w.forYou.feed(w.alice, 0, 500))).isEqualTo(before);
    }
  }

  private static java.util.Map<String, Double> scores(ForYou.Feed feed) {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
    feed.items().forEach(i -> m.put(i.paper().id().value(), i.score()));
    return m;
  }

  @StoreKinds
  void aFollowedCategoryBringsItsPapersWithWhyAndItsFeedTokenCanBeRevoked(String kind) {
    try (World w = new World(kind)) {
      Follow f = w.follows.follow(w.alice, Follow.Kind.CATEGORY, "cs.CR", "", "");
      assertThat(w.follows.follow(w.alice, Follow.Kind.CATEGORY, "cs.CR", "", "").id()).isEqualTo(f.id());
      ForYou.Feed feed = w.forYou.feed(w.alice, 0, 5);
      assertThat(feed.coldStart()).isFalse();
      assertThat(feed.items()).isNotEmpty().allSatisfy(i -> {
        assertThat(i.paper().categories()).contains("cs.CR");
        assertThat(i.why()).isEqualTo("new in cs.CR, which you follow");
      });

      String token = w.follows.feedToken(f);
      assertThat(w.follows.byFeedToken(f.id(), token)).isPresent();
      assertThat(w.follows.byFeedToken(f.id(), token + "x")).isEmpty();
      Follow revoked = w.follows.revokeFeed(w.alice, f.id());
      assertThat(w.follows.byFeedToken(f.id(), token)).as("the old link").isEmpty();
      assertThat(w.follows.byFeedToken(f.id(), w.follows.feedToken(revoked))).isPresent();
      assertThatThrownBy(() -> w.follows.revokeFeed(w.bob, f.id())).isInstanceOf(Refusal.class);
      assertThatThrownBy(() -> w.follows.follow(w.alice, Follow.Kind.CATEGORY, "not a category", "", ""))
          .hasMessageContaining("category");
    }
  }
}
