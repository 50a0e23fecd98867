package org.paperboy.personal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a member kept (or dismissed), summed over the candidates of one pool and updated paper by
 * paper: a save adds one paper's similarities to every candidate, an unsave takes them out again, so
 * the page after a change costs one paper's pass over the pool instead of a pass per kept paper.
 *
 * <p>For each candidate c it holds Σ_k w_k · s(k, c)^p by words and by meaning (a power mean, p =
 * {@code power}), or, with p = ∞, max_k s(k, c) — which can only grow, so taking a paper out rebuilds
 * it. With p = 1 the meaning sum is the cosine with the weighted sum of the kept vectors, so only that
 * sum is kept. Not thread-safe: the caller confines one profile to one update at a time.
 */
final class KeptProfile {
  private final CandidatePool pool;
  private final double power;
  private final boolean max;
  /** The power mean of the similarities by meaning: 1 (the default) or ∞, the nearest kept paper. */
  private final double meaningPower;
  private final boolean meaningMax;
  private final boolean withPhrases;
  private final Map<String, ForYouRanking.Kept> included = new HashMap<>();
  private List<ForYouRanking.Kept> kept = List.of();
  /** Allocated with the first paper: a member who dismissed nothing costs no memory for it. */
  private double[] words;
  private double[] meaning;
  /** Σ w · cosine of phrases ({@link Phrases}), always a plain sum (p = 1). */
  private double[] phrases;
  private float[] vectorSum;
  private double weightSum;
  private double vectorWeightSum;
  private final Map<String, Double> categoryWeight = new HashMap<>();

  /** Words and meaning summed with the same power mean, no phrases (what a dismissed paper pushes down). */
  KeptProfile(CandidatePool pool, double power) {
    this(pool, power, power, false);
  }

  /**
   * Words and meaning summed with different power means (p = ∞: the single nearest kept paper), and
   * the shared phrases when {@code withPhrases}.
   */
  KeptProfile(CandidatePool pool, double power, double meaningPower, boolean withPhrases) {
    this.pool = pool;
    this.withPhrases = withPhrases;
    this.power = power;
    this.max = Double.isInfinite(power) || power > 50;
    this.meaningPower = meaningPower;
    this.meaningMax = Double.isInfinite(meaningPower) || meaningPower > 50;
  }

  /** About how many bytes the profile holds. */
  long bytes() {
    return 200L + (words == null ? 0 : 8L * words.length) + (meaning == null ? 0 : 8L * meaning.length)
        + (phrases == null ? 0 : 8L * phrases.length) + 400L * included.size();
  }

  CandidatePool pool() {
    return pool;
  }

  /** The papers as last given to {@link #update}, in that order. */
  List<ForYouRanking.Kept> kept() {
    return kept;
  }

  /**
   * Brings the profile to exactly these papers: the ones not included yet (or with another weight) are
   * added, the ones gone are taken out; when most changed, it is rebuilt. Returns how many papers were
   * added or taken out.
   */
  int update(List<ForYouRanking.Kept> papers) {
    Map<String, ForYouRanking.Kept> next = new HashMap<>();
    for (ForYouRanking.Kept k : papers) next.putIfAbsent(k.id(), k);
    List<ForYouRanking.Kept> gone = new ArrayList<>();
    List<ForYouRanking.Kept> added = new ArrayList<>();
    for (ForYouRanking.Kept k : included.values()) {
      ForYouRanking.Kept n = next.get(k.id());
      if (n == null || n.weight() != k.weight()) gone.add(k);
    }
    for (ForYouRanking.Kept k : next.values()) {
      ForYouRanking.Kept old = included.get(k.id());
      if (old == null || old.weight() != k.weight()) added.add(k);
    }
    this.kept = List.copyOf(papers);
    int changes = gone.size() + added.size();
    if (changes == 0) return 0;
    if (((max || meaningMax) && !gone.isEmpty()) || changes > Math.max(4, next.size() / 2)) {
      rebuild(next.values());
    } else {
      for (ForYouRanking.Kept k : gone) apply(k, -1, withPhrases);
      for (ForYouRanking.Kept k : added) apply(k, 1, withPhrases);
    }
    return changes;
  }

  private void rebuild(java.util.Collection<ForYouRanking.Kept> papers) {
    included.clear();
    categoryWeight.clear();
    words = null;
    meaning = null;
    phrases = null;
    vectorSum = null;
    weightSum = 0;
    vectorWeightSum = 0;
    if (withPhrases) phrases = sumOf(pool.phrases().index(), papers, k -> pool.phrases().vectorOf(k.id(), k.text()));
    if (power != 1) {
      for (ForYouRanking.Kept k : papers) apply(k, 1, false);
      return;
    }
    if (meaningPower != 1) {
      float[] sim = new float[pool.size()];
      for (ForYouRanking.Kept k : papers) addMeaning(k, 1, sim);
    }
    // p = 1: the weighted sum of term vectors is formed first, so a term shared by many papers is walked once
    for (ForYouRanking.Kept k : papers) addRest(k, 1);
    words = sumOf(pool.words(), papers, k -> pool.termVector(k.id(), k.text()));
  }

  /** Adds (sign 1) or takes out (sign −1) one paper; its phrases too unless a rebuild summed them already. */
  private void apply(ForYouRanking.Kept k, int sign, boolean withPhrases) {
    double w = sign * k.weight();
    float[] sim = new float[pool.size()];
    pool.words().similarities(pool.termVector(k.id(), k.text()), sim);
    if (words == null) words = new double[pool.size()];
    accumulate(words, sim, w, power, max);
    if (withPhrases) {
      pool.phrases().index().similarities(pool.phrases().vectorOf(k.id(), k.text()), sim);
      if (phrases == null) phrases = new double[pool.size()];
      accumulate(phrases, sim, w, 1, false);
    }
    addMeaning(k, sign, sim);
    addRest(k, sign);
  }

  /** Σ_k w_k · cosine(k, c) for every candidate c, in one pass over the index (a rebuild). */
  private static double[] sumOf(SparseIndex index, java.util.Collection<ForYouRanking.Kept> papers,
      java.util.function.Function<ForYouRanking.Kept, SparseIndex.Vector> vectorOf) {
    List<SparseIndex.Vector> vs = new ArrayList<>(papers.size());
    double[] w = new double[papers.size()];
    int i = 0;
    for (ForYouRanking.Kept k : papers) {
      vs.add(vectorOf.apply(k));
      w[i++] = k.weight();
    }
    float[] sum = new float[index.size()];
    index.similaritiesOfSum(vs, w, sum);
    double[] out = new double[sum.length];
    for (int c = 0; c < sum.length; c++) out[c] = sum[c];
    return out;
  }

  /** The paper's similarities by meaning, where they are not kept as the sum of vectors (p = 1). */
  private void addMeaning(ForYouRanking.Kept k, int sign, float[] sim) {
    if (meaningPower == 1 || k.vector() == null) return;
    pool.vectorSimilarities(k.vector(), sim);
    if (meaning == null) meaning = new double[pool.size()];
    accumulate(meaning, sim, sign * k.weight(), meaningPower, meaningMax);
  }

  private static void accumulate(double[] into, float[] sim, double w, double power, boolean max) {
    for (int c = 0; c < into.length; c++) {
      if (Float.isNaN(sim[c])) continue;
      double s = Math.max(0, sim[c]);
      into[c] = max ? Math.max(into[c], s) : into[c] + w * (power == 1 ? s : Math.pow(s, power));
    }
  }

  /** Weights, categories and (p = 1) the vector sum. */
  private void addRest(ForYouRanking.Kept k, int sign) {
    double w = sign * k.weight();
    if (sign > 0) included.put(k.id(), k);
    else included.remove(k.id());
    weightSum += w;
    for (String category : k.categories()) categoryWeight.merge(category, w, Double::sum);
    float[] v = k.vector();
    if (v == null) return;
    if (vectorSum == null) vectorSum = new float[v.length];
    if (v.length != vectorSum.length) return;
    vectorWeightSum += w;
    if (meaningPower == 1) for (int d = 0; d < v.length; d++) vectorSum[d] += (float) (w * v[d]);
  }

  boolean isEmpty() {
    return included.isEmpty();
  }

  boolean anyVector() {
    return vectorWeightSum > 1e-9;
  }

  /** Per candidate, the power mean of its similarity by words to the papers. */
  float[] words() {
    float[] out = new float[pool.size()];
    if (words != null) for (int c = 0; c < out.length; c++) out[c] = (float) mean(words[c], weightSum, power, max);
    return out;
  }

  /** Per candidate, the (weighted) mean cosine of its phrases with the papers' ({@link Phrases}). */
  float[] phrases() {
    float[] out = new float[pool.size()];
    if (phrases != null) for (int c = 0; c < out.length; c++) out[c] = (float) mean(phrases[c], weightSum, 1, false);
    return out;
  }

  /** Per candidate, the power mean of its similarity by meaning (0 where a candidate has no vector). */
  float[] meaning() {
    float[] out = new float[pool.size()];
    if (!anyVector()) return out;
    if (meaningPower == 1) {
      pool.vectorSimilarities(vectorSum, out);
      for (int c = 0; c < out.length; c++) out[c] = Float.isNaN(out[c]) ? 0 : (float) (out[c] / vectorWeightSum);
      return out;
    }
    if (meaning != null) for (int c = 0; c < out.length; c++) out[c] = (float) mean(meaning[c], vectorWeightSum, meaningPower, meaningMax);
    return out;
  }

  private static double mean(double sum, double weights, double power, boolean max) {
    if (max) return sum;
    if (weights <= 1e-9) return 0;
    double m = Math.max(0, sum / weights);
    return power == 1 ? m : Math.pow(m, 1 / power);
  }

  /** Share (0..1) of the papers, by weight, that list the given category. */
  double categoryShare(String category) {
    return weightSum <= 1e-9 ? 0 : Math.max(0, categoryWeight.getOrDefault(category, 0.0)) / weightSum;
  }
}
