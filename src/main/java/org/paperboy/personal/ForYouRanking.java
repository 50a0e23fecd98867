package org.paperboy.personal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The personal ranking: how close each candidate is to what the member kept, by words (tf-idf), by
 * meaning (embeddings) and by the phrases they share, plus the categories they read, minus what is
 * like the papers they dismissed. The README's "For you" section gives the measured reasons for each
 * choice; the evaluation ({@code paperboy eval recommend}) runs this exact code.
 */
public final class ForYouRanking {
  /**
   * @param words weight of the tf-idf similarity (standardised over the candidates)
   * @param meaning weight of the embedding similarity (standardised); shared with words when a paper has no vector
   * @param categories weight of the share of kept papers in the candidate's primary category
   * @param power how the similarities to the kept papers add up: a power mean, so 1 is their average
   *     and large values approach the single most similar kept paper (its nearest neighbour)
   * @param dismissed weight of the push-down for papers like a dismissed one
   * @param followed bonus (in standard deviations) for a paper that matches a follow
   * @param central how much a candidate that looks like every paper of the window is held back
   *     (per standard deviation of its centrality, {@link CandidatePool#centrality(int)})
   * @param meaningPower the power mean of the similarities by meaning: 1, their average, or ∞, the
   *     single nearest kept paper
   * @param phrases weight of the phrases a candidate shares with the kept papers ({@link Phrases}: runs
   *     of five words; their mean cosine, standardised)
   * @param authors weight of a paper by an author of kept papers ({@link KeptAuthors.Lift}: 1 for one kept
   *     paper by them, 2 for three), in standard deviations: for one kept paper, as much as a follow
   */
  public record Weights(double words, double meaning, double categories, double power, double dismissed,
      double followed, double central, double meaningPower, double phrases, double authors) {
    public static final Weights DEFAULT = new Weights(1, 0.5, 1, 1, 1, 1.5, 0.4, 1, 0.1, 1.5);

    /** The weights before shared phrases were measured (the evaluation prints this ranking beside the current one). */
    public static final Weights BEFORE = new Weights(1, 0.5, 1, 1, 1, 1.5, 0.4, 1, 0, 1.5);

    /** Words and meaning with the same power mean, no phrases, no lift for kept papers' authors. */
    public Weights(double words, double meaning, double categories, double power, double dismissed, double followed,
        double central) {
      this(words, meaning, categories, power, dismissed, followed, central, power, 0, 0);
    }
  }

  /**
   * A paper the member showed interest in; {@code text} is what its words are read from
   * ({@link CandidatePool#textOf}); {@code reason} completes "like “title” …", e.g. "in your Reading list".
   */
  public record Kept(String id, String title, String text, List<String> categories, float[] vector, double weight,
      String reason, List<KeptAuthors.Name> authors) {
    /** A kept paper whose authors are not known (the ranking then reads only its words, vector and categories). */
    public Kept(String id, String title, String text, List<String> categories, float[] vector, double weight,
        String reason) {
      this(id, title, text, categories, vector, weight, reason, List.of());
    }

    public static Kept of(org.paperboy.paper.Paper p, float[] vector, double weight, String reason) {
      return new Kept(p.id().value(), p.title(), CandidatePool.textOf(p), p.categories(), vector, weight, reason,
          KeptAuthors.names(p));
    }

    Kept with(double weight, String reason) {
      return new Kept(id, title, text, categories, vector, weight, reason, authors);
    }
  }

  /** How many picks {@link #rank} explains (a page); the rest carry a null why until {@link #explain} is asked. */
  public static final int EXPLAINED = 20;

  /** A ranked candidate with the line saying why it is there (null beyond the first {@link #EXPLAINED}). */
  public record Pick(String id, double score, String why) {}

  private final Weights weights;

  public ForYouRanking(Weights weights) {
    this.weights = weights;
  }

  public Weights weights() {
    return weights;
  }

  /**
   * The best {@code limit} candidates for a member, from scratch (the evaluation; the site keeps
   * {@link KeptProfile}s per member and calls {@link #rank(KeptProfile, KeptProfile, Map, Map, Collection, int)}).
   *
   * @param authors the pool's candidates by author name ({@link KeptAuthors.Index#EMPTY} where unknown)
   * @param followed candidate id → why it matches a follow ("by Y, whom you follow")
   * @param hidden candidates never to show (dismissed, already kept)
   */
  public List<Pick> rank(CandidatePool pool, KeptAuthors.Index authors, List<Kept> kept, List<Kept> dismissed,
      Map<String, String> followed, Collection<String> hidden, int limit) {
    KeptProfile likeKept = keptProfile(pool);
    likeKept.update(kept);
    KeptProfile likeDismissed = dismissedProfile(pool);
    likeDismissed.update(dismissed);
    return rank(likeKept, likeDismissed, KeptAuthors.lifts(kept, dismissed, authors), followed, hidden, limit);
  }

  /** An empty profile of kept papers for this ranking's power mean. */
  KeptProfile keptProfile(CandidatePool pool) {
    return new KeptProfile(pool, weights.power(), weights.meaningPower(), weights.phrases() != 0);
  }

  /** An empty profile of dismissed papers: a candidate is as unwanted as the nearest dismissed paper. */
  static KeptProfile dismissedProfile(CandidatePool pool) {
    return new KeptProfile(pool, Double.POSITIVE_INFINITY);
  }

  /**
   * The best {@code limit} candidates for a member whose profiles are up to date.
   *
   * @param byAuthors candidate id → its lift as the work of an author of kept papers ({@link KeptAuthors#lifts})
   */
  List<Pick> rank(KeptProfile likeKept, KeptProfile likeDismissed, Map<String, KeptAuthors.Lift> byAuthors,
      Map<String, String> followed, Collection<String> hidden, int limit) {
    CandidatePool pool = likeKept.pool();
    List<Kept> kept = likeKept.kept();
    int n = pool.size();
    if (n == 0 || (kept.isEmpty() && followed.isEmpty())) return List.of();
    double[] score = new double[n];
    double[] words = standardised(likeKept.words(), null);
    double[] meaning = likeKept.anyVector() ? standardised(likeKept.meaning(), pool) : null;
    double[] phrases = weights.phrases() == 0 ? null : standardised(likeKept.phrases(), null);
    for (int c = 0; c < n; c++) {
      double text = words[c];
      double fused = meaning != null && pool.hasVector(c)
          ? (weights.words() * text + weights.meaning() * meaning[c]) / (weights.words() + weights.meaning())
          : text;
      List<String> categories = pool.get(c).categories();
      double category = categories.isEmpty() ? 0 : likeKept.categoryShare(categories.getFirst());
      score[c] = fused + weights.categories() * category - weights.central() * pool.centrality(c)
          + (phrases == null ? 0 : weights.phrases() * phrases[c]);
    }
    if (!likeDismissed.isEmpty()) {
      boolean byMeaning = likeDismissed.anyVector();
      double[] push = standardised(byMeaning ? likeDismissed.meaning() : likeDismissed.words(), byMeaning ? pool : null);
      for (int c = 0; c < n; c++) score[c] -= weights.dismissed() * Math.max(0, push[c]);
    }
    Set<String> skip = new HashSet<>(hidden);
    kept.forEach(k -> skip.add(k.id()));
    likeDismissed.kept().forEach(d -> skip.add(d.id()));
    for (Map.Entry<String, String> f : followed.entrySet()) {
      int c = pool.indexOf(f.getKey());
      if (c >= 0) score[c] += weights.followed();
    }
    if (weights.authors() != 0) {
      for (Map.Entry<String, KeptAuthors.Lift> a : byAuthors.entrySet()) {
        int c = pool.indexOf(a.getKey());
        if (c >= 0) score[c] += weights.authors() * a.getValue().strength();
      }
    }
    List<Integer> order = top(pool, score, limit, c -> {
      String id = pool.get(c).id();
      // with nothing kept, only what a follow brings has a reason to be shown
      return !skip.contains(id) && (!kept.isEmpty() || followed.containsKey(id));
    });
    List<Pick> picks = new ArrayList<>(order.size());
    for (int c : order) {
      String id = pool.get(c).id();
      String follow = followed.get(id);
      KeptAuthors.Lift byAuthor = weights.authors() == 0 ? null : byAuthors.get(id);
      String named = follow != null ? follow : byAuthor != null ? byAuthor.why() : null;
      // each why costs a look at every kept paper: the first pages get theirs now, later ones when shown
      boolean explainNow = picks.size() < EXPLAINED;
      Kept nearest = named != null || !explainNow ? null : nearest(pool, kept, c);
      String why = named != null ? named
          : nearest != null ? "like “" + nearest.title() + "” " + nearest.reason()
          : explainNow ? "in the categories you read" : null;
      picks.add(new Pick(id, score[c], why));
    }
    return picks;
  }

  /** The {@code limit} best candidates that pass {@code shown}, best first (ties by position), without sorting them all. */
  private static List<Integer> top(CandidatePool pool, double[] score, int limit, java.util.function.IntPredicate shown) {
    java.util.Comparator<Integer> worstFirst = (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b])
        : Integer.compare(b, a);
    java.util.PriorityQueue<Integer> best = new java.util.PriorityQueue<>(worstFirst);
    for (int c = 0; c < pool.size(); c++) {
      if (limit <= 0) break;
      if (best.size() == limit && worstFirst.compare(c, best.peek()) <= 0) continue;
      if (!shown.test(c)) continue;
      best.add(c);
      if (best.size() > limit) best.poll();
    }
    List<Integer> order = new ArrayList<>(best);
    order.sort(worstFirst.reversed());
    return order;
  }

  /** The kept paper nearest to candidate c: by meaning when both have vectors, else by words. */
  static Kept nearest(CandidatePool pool, List<Kept> kept, int c) {
    Kept best = null;
    double bestScore = -1;
    SparseIndex.Vector candidateTerms = null;
    for (Kept k : kept) {
      float m = pool.vectorSimilarity(k.vector(), c);
      double score;
      if (Float.isNaN(m)) {
        if (candidateTerms == null) candidateTerms = pool.words().candidate(c);
        score = k.weight() * SparseIndex.cosine(pool.termVector(k.id(), k.text()), candidateTerms);
      } else {
        score = 1 + k.weight() * m;
      }
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  }

  /** The "why" line of a ranked paper the ranking left unexplained (beyond the first {@link #EXPLAINED}). */
  public static String explain(CandidatePool pool, List<Kept> kept, String id) {
    int c = pool.indexOf(id);
    Kept k = c < 0 ? null : nearest(pool, kept, c);
    return k == null ? "in the categories you read" : "like “" + k.title() + "” " + k.reason();
  }

  /**
   * (x − mean) / standard deviation over the candidates (only those with a vector when {@code vectorsOf}
   * is given), so words and meaning, whose cosines live on different scales, add up fairly.
   */
  private static double[] standardised(float[] x, CandidatePool vectorsOf) {
    double sum = 0, sq = 0;
    int m = 0;
    for (int c = 0; c < x.length; c++) {
      if (vectorsOf != null && !vectorsOf.hasVector(c)) continue;
      sum += x[c];
      sq += (double) x[c] * x[c];
      m++;
    }
    double[] z = new double[x.length];
    if (m == 0) return z;
    double mean = sum / m;
    double sd = Math.sqrt(Math.max(1e-12, sq / m - mean * mean));
    for (int c = 0; c < x.length; c++) z[c] = (x[c] - mean) / sd;
    return z;
  }
}
