package org.paperboy.personal;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Texts as unit tf-idf vectors over the candidates' terms, with an inverted index to score every
 * candidate against one text or a weighted sum of texts in one pass. What a term is belongs to the
 * caller: analysed words and pairs ({@link CandidatePool}) or hashed runs of five words
 * ({@link Phrases}); both weigh them alike. A term's weight is sublinear tf × idf^α with
 * scikit-learn's smoothed idf over the candidates; a term no candidate uses counts toward a text's
 * length but matches nothing, so a kept paper that is mostly about something else scores lower.
 * Immutable but for the cache of kept papers' vectors, and safe to share between threads.
 */
final class SparseIndex {
  /** What a term no candidate uses is given as in {@link Counts}. */
  static final int UNSEEN = -1;

  /** How many kept papers' vectors are held before the cache starts over (a pool lives for one window). */
  static final int KEPT_BOUND = 200_000;

  /**
   * One text's terms as the caller read them: term ids of the index ({@link #UNSEEN} for a term no
   * candidate uses), each once, and how often each occurs. The order is the order the length is summed
   * in: a caller that wants the same bits twice gives the same order.
   */
  record Counts(int[] terms, int[] counts) {
    static final Counts EMPTY = new Counts(new int[0], new int[0]);
  }

  /** A sparse unit vector over the index's terms, in ascending order (see {@link #cosine}). */
  record Vector(int[] terms, float[] weights) {
    static final Vector EMPTY = new Vector(new int[0], new float[0]);
  }

  private final float[] idf;
  private final float unseenIdf;
  /** Postings of term t: candidates docs[start[t] … start[t + 1]) with their weights, candidates ascending. */
  private final int[] start;
  private final int[] docs;
  private final float[] weights;
  private final Vector[] candidates;
  /** Kept papers' vectors by paper id: a member's saves are read once per pool, not once per page. */
  private final ConcurrentHashMap<String, Vector> kept = new ConcurrentHashMap<>();

  /**
   * @param candidates each candidate's counts (no {@link #UNSEEN} terms among them)
   * @param vocabulary how many terms there are: ids run from 0 to vocabulary − 1
   * @param idfPower idf raised to this power: above 1, rare terms (a method's name, a dataset) count for more
   */
  SparseIndex(List<Counts> candidates, int vocabulary, double idfPower) {
    int n = candidates.size();
    start = new int[vocabulary + 1];
    for (Counts c : candidates) for (int t : c.terms()) start[t + 1]++;
    for (int t = 0; t < vocabulary; t++) start[t + 1] += start[t];
    idf = new float[vocabulary];
    // a term's document frequency is the length of its postings: no df array beside them
    for (int t = 0; t < vocabulary; t++) idf[t] = (float) Math.pow(idf(n, start[t + 1] - start[t]), idfPower);
    unseenIdf = (float) Math.pow(idf(n, 0), idfPower);
    docs = new int[start[vocabulary]];
    weights = new float[start[vocabulary]];
    this.candidates = new Vector[n];
    int[] next = Arrays.copyOf(start, vocabulary);
    for (int c = 0; c < n; c++) {
      Vector v = weigh(candidates.get(c));
      this.candidates[c] = v;
      for (int k = 0; k < v.terms().length; k++) {
        int t = v.terms()[k];
        docs[next[t]] = c;
        weights[next[t]++] = v.weights()[k];
      }
    }
  }

  /** Smoothed idf, as scikit-learn computes it: rare terms weigh most, a term in every candidate still counts a little. */
  private static float idf(int candidates, int df) {
    return (float) (Math.log((candidates + 1.0) / (df + 1.0)) + 1);
  }

  /** How many candidates there are. */
  int size() {
    return candidates.length;
  }

  /** How many terms there are. */
  int vocabulary() {
    return idf.length;
  }

  /** Candidate c's vector. */
  Vector candidate(int c) {
    return candidates[c];
  }

  /** The unit vector of a text's counts; its unseen terms count toward the length but are left out. */
  Vector weigh(Counts counts) {
    int[] terms = counts.terms(), tf = counts.counts();
    if (terms.length == 0) return Vector.EMPTY;
    int known = 0;
    double norm = 0;
    for (int i = 0; i < terms.length; i++) {
      double w = (1 + Math.log(tf[i])) * (terms[i] == UNSEEN ? unseenIdf : idf[terms[i]]);
      norm += w * w;
      if (terms[i] != UNSEEN) known++;
    }
    // packed as term << 32 | weight bits and sorted, so the terms come out in ascending order (see cosine)
    long[] packed = new long[known];
    double scale = 1 / Math.sqrt(norm);
    int k = 0;
    for (int i = 0; i < terms.length; i++) {
      int t = terms[i];
      if (t == UNSEEN) continue;
      float w = (float) ((1 + Math.log(tf[i])) * idf[t] * scale);
      packed[k++] = (long) t << 32 | (Float.floatToRawIntBits(w) & 0xffffffffL);
    }
    Arrays.sort(packed);
    int[] sorted = new int[known];
    float[] ws = new float[known];
    for (int i = 0; i < known; i++) {
      sorted[i] = (int) (packed[i] >>> 32);
      ws[i] = Float.intBitsToFloat((int) packed[i]);
    }
    return new Vector(sorted, ws);
  }

  /** The vector of a kept paper, weighed once per pool; the cache starts over past {@link #KEPT_BOUND} papers. */
  Vector kept(String paperId, Supplier<Counts> counts) {
    if (kept.size() > KEPT_BOUND) kept.clear();
    return kept.computeIfAbsent(paperId, id -> weigh(counts.get()));
  }

  /** How many kept papers' vectors are cached now. */
  int keptCached() {
    return kept.size();
  }

  /** Cosine of two vectors: one merge over their terms, both in ascending order. */
  static float cosine(Vector a, Vector b) {
    int[] at = a.terms(), bt = b.terms();
    float dot = 0;
    for (int i = 0, j = 0; i < at.length && j < bt.length; ) {
      if (at[i] < bt[j]) i++;
      else if (at[i] > bt[j]) j++;
      else dot += a.weights()[i++] * b.weights()[j++];
    }
    return dot;
  }

  /** out[c] = cosine of {@code v} and candidate c, through the postings of v's terms. */
  void similarities(Vector v, float[] out) {
    Arrays.fill(out, 0f);
    for (int k = 0; k < v.terms().length; k++) add(v.terms()[k], v.weights()[k], out);
  }

  /**
   * out[c] = Σ_k weight_k · cosine(v_k, candidate c), in one pass over the postings: the sum of the
   * vectors is formed first, so a term shared by many kept papers is walked once.
   */
  void similaritiesOfSum(List<Vector> vs, double[] weight, float[] out) {
    Arrays.fill(out, 0f);
    // summed in a dense array over the vocabulary (no boxing), then walked in term order
    float[] sum = new float[idf.length];
    BitSet used = new BitSet(idf.length);
    for (int k = 0; k < vs.size(); k++) {
      Vector v = vs.get(k);
      for (int i = 0; i < v.terms().length; i++) {
        sum[v.terms()[i]] += (float) (v.weights()[i] * weight[k]);
        used.set(v.terms()[i]);
      }
    }
    for (int t = used.nextSetBit(0); t >= 0; t = used.nextSetBit(t + 1)) add(t, sum[t], out);
  }

  private void add(int term, float w, float[] out) {
    for (int j = start[term]; j < start[term + 1]; j++) out[docs[j]] += w * weights[j];
  }
}
