package org.paperboy.personal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;

/**
 * The For you feed: the papers of the latest announcement days, ranked for one member by
 * {@link ForYouRanking} from what they saved and upvoted, what they follow and what they dismissed.
 * The candidates are prepared once for everyone and rebuilt when papers or vectors change. Each
 * member's ranking is kept under their {@link PersonalVersions} number, so a save or dismissal shows
 * on the very next page while other pages cost a slice of a list; and what they kept and dismissed is
 * kept summed over the candidates ({@link KeptProfile}), so the page after a save adds one paper to
 * those sums instead of summing every kept paper again.
 */
public final class ForYou {
  public static final int DEFAULT_DAYS = 7;
  /** The most recent saves and upvotes the ranking reads: enough to know a member, bounded in cost. */
  static final int MAX_KEPT = 200;
  static final int MAX_DISMISSED = 100;
  static final int RANKED = 500;
  static final double UPVOTE_WEIGHT = 0.5;
  private static final Duration POOL_CHECK = Duration.ofSeconds(5);
  /**
   * Memory for members' profiles (the least recently used go first): about 21 KB a member at 2,600
   * candidates, so some 3,000 members; a member beyond that is ranked from scratch on their next page.
   */
  static final long PROFILE_BYTES = 64L << 20;

  /** A ranked paper and why it is there. */
  public record Item(Paper paper, double score, String why) {}

  /**
   * A page of the feed.
   *
   * @param coldStart the member has kept and followed nothing yet: the page asks for a few papers
   * @param total how many ranked papers there are in all
   */
  public record Feed(List<Item> items, boolean coldStart, LocalDate from, LocalDate to, int total) {}

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final EmbeddingModel model;
  private final PaperCollections collections;
  private final Follows follows;
  private final Dismissals dismissals;
  private final PersonalVersions versions;
  private final LongFunction<List<ArxivId>> upvotedBy;
  private final FollowMatcher matcher;
  private final ForYouRanking ranking;
  private final Clock clock;
  private final int days;
  private final com.github.benmanes.caffeine.cache.Cache<Long, Member> members =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(PROFILE_BYTES)
          .<Long, Member>weigher((id, m) -> (int) Math.min(Integer.MAX_VALUE, m.bytes())).build();
  private volatile Window window;
  /** Kept and dismissed papers already read, for the current window (cleared with it: vectors may have changed). */
  private volatile Map<String, ForYouRanking.Kept> keptPapers = new ConcurrentHashMap<>();
  private volatile Instant windowCheckedAt = Instant.MIN;

  /**
   * @param upvotedBy the papers a member upvoted, newest first (the community's votes)
   * @param days how many announcement days the feed covers
   */
  public ForYou(PaperStore papers, EmbeddingStore vectors, EmbeddingModel model, PaperCollections collections,
      Follows follows, Dismissals dismissals, PersonalVersions versions, LongFunction<List<ArxivId>> upvotedBy,
      FollowMatcher matcher, ForYouRanking ranking, Clock clock, int days) {
    this.papers = papers;
    this.vectors = vectors;
    this.model = model;
    this.collections = collections;
    this.follows = follows;
    this.dismissals = dismissals;
    this.versions = versions;
    this.upvotedBy = upvotedBy;
    this.matcher = matcher;
    this.ranking = ranking;
    this.clock = clock;
    this.days = days;
  }

  /** The candidates of the current window, prepared for ranking, and what they were built from. */
  private record Window(String stamp, LocalDate from, LocalDate to, Map<String, Paper> papers, CandidatePool pool,
      KeptAuthors.Index authors) {}

  private record Ranked(long version, List<ForYouRanking.Pick> picks, boolean coldStart, List<ForYouRanking.Kept> kept) {}

  /** One member's state for one window: their profiles, and their ranking under a version number. */
  private static final class Member {
    final Window window;
    final KeptProfile kept;
    final KeptProfile dismissed;
    volatile Ranked ranked;

    Member(Window window, ForYouRanking ranking) {
      this.window = window;
      this.kept = ranking.keptProfile(window.pool());
      this.dismissed = ForYouRanking.dismissedProfile(window.pool());
    }

    long bytes() {
      return kept.bytes() + dismissed.bytes() + 40L * ForYou.RANKED;
    }
  }

  /** How many papers the current window holds, and how many of them have a vector. */
  public int[] candidates() {
    Window w = window();
    return new int[] {w.pool().size(), w.pool().withVectors()};
  }

  /** The papers of the current window that a follow brings, newest first (its Atom feed). */
  public List<Paper> papersOf(Follow follow) {
    Window w = window();
    if (w.papers().isEmpty()) return List.of();
    var ids = matcher.matches(follow, w.papers().values(), w.from(), w.to());
    return w.papers().values().stream().filter(p -> ids.contains(p.id().value()))
        .sorted(java.util.Comparator.comparing(Paper::publishedOn, java.util.Comparator.nullsLast(
            java.util.Comparator.reverseOrder())).thenComparing(p -> p.id().value()))
        .limit(50).toList();
  }

  /** A page of the member's feed (offset and limit in papers). */
  public Feed feed(long accountId, int offset, int limit) {
    Window w = window();
    long version = versions.of(accountId);
    Member m = members.asMap().compute(accountId,
        (id, old) -> old != null && old.window == w ? old : new Member(w, ranking));
    Ranked r = m.ranked;
    if (r == null || r.version() != version) {
      synchronized (m) {
        r = m.ranked;
        if (r == null || r.version() != version) {
          r = rank(accountId, version, m);
          m.ranked = r;
          members.put(accountId, m); // weighed again, now that its profiles hold papers
        }
      }
    }
    List<Item> items = new ArrayList<>();
    for (int i = Math.max(0, offset); i < Math.min(r.picks().size(), offset + limit); i++) {
      ForYouRanking.Pick p = r.picks().get(i);
      String why = p.why() != null ? p.why() : ForYouRanking.explain(w.pool(), r.kept(), p.id());
      items.add(new Item(w.papers().get(p.id()), p.score(), why));
    }
    return new Feed(items, r.coldStart(), w.from(), w.to(), r.picks().size());
  }

  /**
   * Drops what is kept in memory for the member (their profiles and ranking): after their account is
   * erased, and by {@code bench for-you} to time a ranking from scratch. The next page recomputes it.
   */
  public void forget(long accountId) {
    members.invalidate(accountId);
  }

  private Ranked rank(long accountId, long version, Member m) {
    Window w = m.window;
    List<ForYouRanking.Kept> kept = kept(accountId);
    List<ForYouRanking.Kept> dismissed = asKept(dismissals.of(accountId).stream().limit(MAX_DISMISSED).toList(), 1,
        id -> "you dismissed");
    Map<String, String> followed = new LinkedHashMap<>();
    List<Follow> fs = follows.of(accountId);
    if (!w.papers().isEmpty()) {
      for (Follow f : fs) {
        for (String id : matcher.matches(f, w.papers().values(), w.from(), w.to())) followed.putIfAbsent(id, f.why());
      }
    }
    boolean coldStart = kept.isEmpty() && fs.isEmpty();
    m.kept.update(kept);
    m.dismissed.update(dismissed);
    return new Ranked(version, ranking.rank(m.kept, m.dismissed, KeptAuthors.lifts(kept, dismissed, w.authors()), followed,
        List.of(), RANKED), coldStart, kept);
  }

  /** Saves (weight 1) and upvotes (weight ½), most recent first, at most {@link #MAX_KEPT}. */
  private List<ForYouRanking.Kept> kept(long accountId) {
    Map<String, String> reasons = new LinkedHashMap<>();
    Map<String, Double> weights = new HashMap<>();
    for (SavedPaper s : collections.savedBy(accountId, MAX_KEPT)) {
      if (reasons.size() >= MAX_KEPT) break;
      if (reasons.putIfAbsent(s.paper().value(), "in your " + s.collectionName()) == null) weights.put(s.paper().value(), 1.0);
    }
    for (ArxivId id : upvotedBy.apply(accountId)) {
      if (reasons.size() >= MAX_KEPT) break;
      if (reasons.putIfAbsent(id.value(), "which you upvoted") == null) weights.put(id.value(), UPVOTE_WEIGHT);
    }
    List<ForYouRanking.Kept> out = new ArrayList<>();
    for (ForYouRanking.Kept k : asKept(reasons.keySet().stream().map(ArxivId::new).toList(), 1, reasons::get)) {
      out.add(k.with(weights.get(k.id()), k.reason()));
    }
    return out;
  }

  /**
   * These papers as the ranking reads them; what was read before for the current window comes from
   * memory, so a page after a save reads only the new paper from the store.
   */
  private List<ForYouRanking.Kept> asKept(List<ArxivId> ids, double weight,
      java.util.function.Function<String, String> reason) {
    Map<String, ForYouRanking.Kept> known = keptPapers;
    List<ArxivId> missing = ids.stream().filter(id -> !known.containsKey(id.value())).toList();
    if (!missing.isEmpty()) {
      Map<String, EmbeddingStore.StoredVector> vs = vectors.find(model, missing.stream().map(ArxivId::value).toList());
      if (known.size() > 100_000) known.clear();
      for (Paper p : papers.findAll(missing)) {
        String id = p.id().value();
        EmbeddingStore.StoredVector v = vs.get(id);
        known.put(id, ForYouRanking.Kept.of(p, v == null ? null : v.vector(), 1, ""));
      }
    }
    List<ForYouRanking.Kept> out = new ArrayList<>(ids.size());
    for (ArxivId id : ids) {
      ForYouRanking.Kept k = known.get(id.value());
      if (k != null) {
        out.add(k.with(weight, reason.apply(k.id())));
      }
    }
    return out;
  }

  /** The current window, rebuilt when papers or vectors changed (looked at every few seconds). */
  private Window window() {
    Window w = window;
    Instant now = clock.instant();
    if (w != null && now.isBefore(windowCheckedAt.plus(POOL_CHECK))) return w;
    synchronized (this) {
      if (window != null && now.isBefore(windowCheckedAt.plus(POOL_CHECK))) return window;
      List<LocalDate> latest = papers.latestAnnouncementDays(days);
      String stamp = (latest.isEmpty() ? "-" : latest.getFirst() + ".." + latest.getLast()) + "/" + papers.lastChangeSeq()
          + "/" + vectors.lastRowId(model);
      if (window == null || !window.stamp().equals(stamp)) {
        window = build(stamp, latest);
        keptPapers = new ConcurrentHashMap<>();
      }
      windowCheckedAt = now;
      return window;
    }
  }

  private Window build(String stamp, List<LocalDate> latest) {
    if (latest.isEmpty()) {
      return new Window(stamp, null, null, Map.of(), CandidatePool.of(List.of()), KeptAuthors.Index.EMPTY);
    }
    LocalDate from = latest.getLast(), to = latest.getFirst();
    List<Paper> ps = papers.announcedBetween(from, to);
    Map<String, EmbeddingStore.StoredVector> vs = vectors.find(model, ps.stream().map(p -> p.id().value()).toList());
    Map<String, Paper> byId = new LinkedHashMap<>();
    List<CandidatePool.Candidate> candidates = new ArrayList<>(ps.size());
    for (Paper p : ps) {
      byId.put(p.id().value(), p);
      EmbeddingStore.StoredVector v = vs.get(p.id().value());
      candidates.add(CandidatePool.Candidate.of(p, v == null ? null : v.vector()));
    }
    return new Window(stamp, from, to, byId, CandidatePool.of(candidates), KeptAuthors.Index.of(ps));
  }
}
