package org.paperboy.personal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The personal ranking: how close each candidate is to what the member kept, by words (tf-idf) and
 * by meaning (embeddings), plus the categories they read, minus what is like the papers they
 * dismissed. The README's "For you" section gives the measured reasons for each choice; the
 * evaluation ({@code paperboy eval recommend}) runs this exact code.
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
   */
  public record Weights(double words, double meaning, double categories, double power, double dismissed,
      double followed) {
    public static final Weights DEFAULT = new Weights(1, 0.5, 0.5, 1, 1, 1.5);
  }

  /** A paper the member showed interest in; {@code reason} completes "like “title” …", e.g. "in your Reading list". */
  public record Kept(String id, String title, String text, List<String> categories, float[] vector, double weight,
      String reason) {}

  /** How many picks {@link #rank} explains; the rest carry a null why until {@link #explain} is asked. */
  public static final int EXPLAINED = 40;

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
   * The best {@code limit} candidates for a member.
   *
   * @param followed candidate id → why it matches a follow ("by Y, whom you follow")
   * @param hidden candidates never to show (dismissed, already kept)
   */
  public List<Pick> rank(CandidatePool pool, List<Kept> kept, List<Kept> dismissed, Map<String, String> followed,
      Collection<String> hidden, int limit) {
    int n = pool.size();
    if (n == 0 || (kept.isEmpty() && followed.isEmpty())) return List.of();
    Similarity likeKept = similarity(pool, kept, weights.power());
    double[] score = new double[n];
    double[] category = categoryShare(pool, kept);
    double[] words = standardised(likeKept.words, null);
    double[] meaning = likeKept.anyVector ? standardised(likeKept.meaning, pool) : null;
    for (int c = 0; c < n; c++) {
      double text = words[c];
      double fused = meaning != null && pool.hasVector(c)
          ? (weights.words() * text + weights.meaning() * meaning[c]) / (weights.words() + weights.meaning())
          : text;
      score[c] = fused + weights.categories() * category[c];
    }
    if (!dismissed.isEmpty()) {
      Similarity likeDismissed = similarity(pool, dismissed, Double.POSITIVE_INFINITY);
      double[] push = standardised(likeDismissed.anyVector ? likeDismissed.meaning : likeDismissed.words,
          likeDismissed.anyVector ? pool : null);
      for (int c = 0; c < n; c++) score[c] -= weights.dismissed() * Math.max(0, push[c]);
    }
    Set<String> skip = new HashSet<>(hidden);
    kept.forEach(k -> skip.add(k.id()));
    dismissed.forEach(d -> skip.add(d.id()));
    for (Map.Entry<String, String> f : followed.entrySet()) {
      int c = pool.indexOf(f.getKey());
      if (c >= 0) score[c] += weights.followed();
    }
    List<Integer> order = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      String id = pool.get(c).id();
      // with nothing kept, only what a follow brings has a reason to be shown
      if (!skip.contains(id) && (!kept.isEmpty() || followed.containsKey(id))) order.add(c);
    }
    order.sort((a, b) -> Double.compare(score[b], score[a]));
    List<Pick> picks = new ArrayList<>(Math.min(limit, order.size()));
    for (int c : order.subList(0, Math.min(limit, order.size()))) {
      String id = pool.get(c).id();
      String follow = followed.get(id);
      // each why costs a look at every kept paper: the first pages get theirs now, later ones when shown
      boolean explainNow = likeKept.nearest != null || picks.size() < EXPLAINED;
      Kept nearest = follow != null || !explainNow ? null
          : likeKept.nearest != null ? likeKept.nearest[c] : nearest(pool, kept, c);
      String why = follow != null ? follow
          : nearest != null ? "like “" + nearest.title() + "” " + nearest.reason()
          : explainNow ? "in the categories you read" : null;
      picks.add(new Pick(id, score[c], why));
    }
    return picks;
  }

  /** Per candidate: the power mean of its similarities to the given papers, and the nearest of them. */
  private record Similarity(float[] words, float[] meaning, boolean anyVector, Kept[] nearest) {}

  private static Similarity similarity(CandidatePool pool, List<Kept> papers, double power) {
    if (power == 1) return sums(pool, papers);
    int n = pool.size();
    double[] words = new double[n];
    double[] meaning = new double[n];
    double[] bestSimilarity = new double[n];
    Kept[] nearest = new Kept[n];
    float[] sim = new float[n];
    double weightSum = 0, vectorWeightSum = 0;
    boolean max = Double.isInfinite(power) || power > 50;
    for (Kept k : papers) {
      double w = k.weight();
      weightSum += w;
      pool.termSimilarities(pool.termVector(k.id(), k.title() + "\n" + k.text()), sim);
      for (int c = 0; c < n; c++) {
        double s = Math.max(0, sim[c]);
        words[c] = max ? Math.max(words[c], s) : words[c] + w * Math.pow(s, power);
        if (k.vector() == null && s * w > bestSimilarity[c]) {
          bestSimilarity[c] = s * w;
          nearest[c] = k;
        }
      }
      if (k.vector() == null) continue;
      vectorWeightSum += w;
      pool.vectorSimilarities(k.vector(), sim);
      for (int c = 0; c < n; c++) {
        if (Float.isNaN(sim[c])) continue;
        double s = Math.max(0, sim[c]);
        meaning[c] = max ? Math.max(meaning[c], s) : meaning[c] + w * Math.pow(s, power);
        // the nearest by meaning when both exist: it is the one a reader would agree with
        if (s * w + 1 > bestSimilarity[c]) {
          bestSimilarity[c] = s * w + 1;
          nearest[c] = k;
        }
      }
    }
    float[] wordsOut = new float[n];
    float[] meaningOut = new float[n];
    for (int c = 0; c < n; c++) {
      wordsOut[c] = (float) (max || weightSum == 0 ? words[c] : Math.pow(words[c] / weightSum, 1 / power));
      meaningOut[c] = (float) (max || vectorWeightSum == 0 ? meaning[c]
          : Math.pow(meaning[c] / vectorWeightSum, 1 / power));
    }
    return new Similarity(wordsOut, meaningOut, vectorWeightSum > 0, nearest);
  }

  /**
   * Power 1, the production setting: the weighted mean of cosines is the cosine with the weighted sum
   * of the kept papers, so each signal is one pass over the candidates however many papers were kept.
   * The nearest kept paper (for the "why" line) is then found only for the papers shown.
   */
  private static Similarity sums(CandidatePool pool, List<Kept> papers) {
    int n = pool.size();
    List<CandidatePool.TermVector> terms = new java.util.ArrayList<>(papers.size());
    double[] w = new double[papers.size()];
    double weightSum = 0, vectorWeightSum = 0;
    float[] vectorSum = null;
    for (int k = 0; k < papers.size(); k++) {
      Kept kept = papers.get(k);
      terms.add(pool.termVector(kept.id(), kept.title() + "\n" + kept.text()));
      w[k] = kept.weight();
      weightSum += w[k];
      if (kept.vector() == null) continue;
      if (vectorSum == null) vectorSum = new float[kept.vector().length];
      if (kept.vector().length != vectorSum.length) continue;
      for (int d = 0; d < vectorSum.length; d++) vectorSum[d] += (float) (w[k] * kept.vector()[d]);
      vectorWeightSum += w[k];
    }
    float[] words = new float[n];
    pool.termSimilaritiesOfSum(terms, w, words);
    float[] meaning = new float[n];
    if (vectorSum != null) {
      pool.vectorSimilarities(vectorSum, meaning);
      for (int c = 0; c < n; c++) meaning[c] = Float.isNaN(meaning[c]) ? 0 : (float) (meaning[c] / vectorWeightSum);
    }
    for (int c = 0; c < n; c++) words[c] = weightSum == 0 ? 0 : (float) (words[c] / weightSum);
    return new Similarity(words, meaning, vectorSum != null, null);
  }

  /** The kept paper nearest to candidate c: by meaning when both have vectors, else by words. */
  static Kept nearest(CandidatePool pool, List<Kept> kept, int c) {
    Kept best = null;
    double bestScore = -1;
    Map<Integer, Float> candidateTerms = null;
    for (Kept k : kept) {
      float m = pool.vectorSimilarity(k.vector(), c);
      double score;
      if (Float.isNaN(m)) {
        if (candidateTerms == null) candidateTerms = pool.termsOf(c);
        score = k.weight() * CandidatePool.dot(pool.termVector(k.id(), k.title() + "\n" + k.text()), candidateTerms);
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

  /** Share (0..1) of the kept papers, by weight, that list the candidate's primary category. */
  private static double[] categoryShare(CandidatePool pool, List<Kept> kept) {
    double[] share = new double[pool.size()];
    double total = kept.stream().mapToDouble(Kept::weight).sum();
    if (total == 0) return share;
    for (int c = 0; c < share.length; c++) {
      String primary = pool.get(c).categories().isEmpty() ? null : pool.get(c).categories().getFirst();
      double s = 0;
      for (Kept k : kept) if (k.categories().contains(primary)) s += k.weight();
      share[c] = s / total;
    }
    return share;
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
