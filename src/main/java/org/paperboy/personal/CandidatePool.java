package org.paperboy.personal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.VectorUtil;
import org.paperboy.paper.Paper;

/**
 * The papers a feed ranks (the newest days), prepared once for every member: tf-idf term vectors
 * with an inverted index over them, and the embedding matrix of those that have a vector. Term
 * statistics come from the pool itself, so the same code serves the site and the evaluation.
 * Immutable and safe to share between threads.
 */
public final class CandidatePool {
  /**
   * A paper as the ranking sees it: {@code text} is what its words are read from ({@link #textOf});
   * {@code vector} is null when the paper has none yet.
   */
  public record Candidate(String id, String title, String text, List<String> categories, float[] vector) {
    public Candidate {
      categories = List.copyOf(categories);
    }

    public static Candidate of(Paper p, float[] vector) {
      return new Candidate(p.id().value(), p.title(), textOf(p), p.categories(), vector);
    }
  }

  /**
   * The text a paper's words are read from, for candidates and kept papers alike: title, abstract and
   * arXiv's comments line (venues, project pages, code links: the README says what each added).
   */
  public static String textOf(Paper p) {
    return p.title() + "\n" + p.abstractText() + (p.comments() == null ? "" : "\n" + p.comments());
  }

  /** A sparse, unit-length tf-idf vector over the pool's vocabulary, its terms in ascending order. */
  record TermVector(int[] terms, float[] weights) {
    static final TermVector EMPTY = new TermVector(new int[0], new float[0]);
  }

  private final List<Candidate> candidates;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final float[] idf;
  private final float unseenIdf;
  private final int[][] postingDocs;
  private final float[][] postingWeights;
  private final float[][] vectors;
  private final int vectorCount;
  private final TermVector[] candidateTerms;
  private final double[] centrality;
  private final Phrases phrases;
  /** Kept papers' term vectors, by paper id: a member's saves are analysed once per pool, not once per page. */
  private final java.util.concurrent.ConcurrentHashMap<String, TermVector> keptTerms =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * How words weigh.
   *
   * @param pairs whether two adjacent words are a term too
   * @param idfPower idf raised to this power: above 1, rare words (a method's name, a dataset) count for more
   */
  public record Terms(boolean pairs, double idfPower) {
    public static final Terms DEFAULT = new Terms(true, 2);
  }

  private final boolean pairs;

  private CandidatePool(List<Candidate> candidates, Terms terms) {
    this.pairs = terms.pairs();
    this.candidates = List.copyOf(candidates);
    int n = this.candidates.size();
    List<Map<String, Integer>> counts = new ArrayList<>(n);
    List<Integer> df = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Candidate c = this.candidates.get(i);
      indexOf.putIfAbsent(c.id(), i);
      Map<String, Integer> tc = TermCounts.of(c.text(), pairs);
      counts.add(tc);
      for (String t : tc.keySet()) {
        Integer id = vocabulary.putIfAbsent(t, vocabulary.size());
        if (id == null) df.add(1);
        else df.set(id, df.get(id) + 1);
      }
    }
    idf = new float[vocabulary.size()];
    for (int t = 0; t < idf.length; t++) idf[t] = (float) Math.pow(idf(n, df.get(t)), terms.idfPower());
    unseenIdf = (float) Math.pow(idf(n, 0), terms.idfPower());
    int[] fill = new int[idf.length];
    postingDocs = new int[idf.length][];
    postingWeights = new float[idf.length][];
    for (int t = 0; t < idf.length; t++) {
      postingDocs[t] = new int[df.get(t)];
      postingWeights[t] = new float[df.get(t)];
    }
    candidateTerms = new TermVector[n];
    for (int i = 0; i < n; i++) {
      TermVector v = weigh(counts.get(i));
      candidateTerms[i] = v;
      for (int k = 0; k < v.terms().length; k++) {
        int t = v.terms()[k];
        postingDocs[t][fill[t]] = i;
        postingWeights[t][fill[t]++] = v.weights()[k];
      }
    }
    centrality = centrality();
    phrases = new Phrases(this.candidates.stream().map(Candidate::text).toList());
    vectors = new float[n][];
    int withVector = 0;
    for (int i = 0; i < n; i++) {
      vectors[i] = this.candidates.get(i).vector();
      if (vectors[i] != null) withVector++;
    }
    vectorCount = withVector;
  }

  public static CandidatePool of(List<Candidate> candidates) {
    return new CandidatePool(candidates, Terms.DEFAULT);
  }

  /** A pool weighing words another way (the evaluation compares them). */
  public static CandidatePool of(List<Candidate> candidates, Terms terms) {
    return new CandidatePool(candidates, terms);
  }

  /** Smoothed idf, as scikit-learn computes it: rare words weigh most, a word in every paper still counts a little. */
  private static float idf(int papers, int df) {
    return (float) (Math.log((papers + 1.0) / (df + 1.0)) + 1);
  }

  public int size() {
    return candidates.size();
  }

  public Candidate get(int index) {
    return candidates.get(index);
  }

  /** The candidate's position, or -1 when it is not in the pool. */
  public int indexOf(String id) {
    return indexOf.getOrDefault(id, -1);
  }

  public int withVectors() {
    return vectorCount;
  }

  boolean hasVector(int index) {
    return vectors[index] != null;
  }

  /**
   * Per candidate, its cosine with the mean of all candidates' term vectors, standardised: how much
   * it looks like every paper of the window (a survey, a broad benchmark) rather than like any one
   * reader's work. Such "hub" papers come up in everyone's ranking; the ranking holds them back a little.
   */
  private double[] centrality() {
    int n = candidateTerms.length;
    float[] mean = new float[idf.length];
    for (TermVector v : candidateTerms) {
      for (int k = 0; k < v.terms().length; k++) mean[v.terms()[k]] += v.weights()[k] / n;
    }
    double[] cos = new double[n];
    double sum = 0, sq = 0;
    for (int c = 0; c < n; c++) {
      TermVector v = candidateTerms[c];
      for (int k = 0; k < v.terms().length; k++) cos[c] += mean[v.terms()[k]] * v.weights()[k];
      sum += cos[c];
      sq += cos[c] * cos[c];
    }
    double m = n == 0 ? 0 : sum / n;
    double sd = n == 0 ? 1 : Math.sqrt(Math.max(1e-12, sq / n - m * m));
    for (int c = 0; c < n; c++) cos[c] = (cos[c] - m) / sd;
    return cos;
  }

  /** How central candidate c is among all candidates (standardised; see {@link #centrality()}). */
  double centrality(int c) {
    return centrality[c];
  }

  /** The candidates' phrases ({@link Phrases}): runs of words a new paper shares with a kept one. */
  Phrases phrases() {
    return phrases;
  }

  /** The text's tf-idf vector; words the pool never uses count toward its length but match nothing. */
  TermVector termVector(String text) {
    return weigh(TermCounts.of(text, pairs));
  }

  private TermVector weigh(Map<String, Integer> counts) {
    if (counts.isEmpty()) return TermVector.EMPTY;
    int known = 0;
    double norm = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Integer t = vocabulary.get(e.getKey());
      double w = (1 + Math.log(e.getValue())) * (t == null ? unseenIdf : idf[t]);
      norm += w * w;
      if (t != null) known++;
    }
    // packed as term << 32 | weight bits and sorted, so the terms come out in ascending order (see dot)
    long[] packed = new long[known];
    double scale = 1 / Math.sqrt(norm);
    int k = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Integer t = vocabulary.get(e.getKey());
      if (t == null) continue;
      float w = (float) ((1 + Math.log(e.getValue())) * idf[t] * scale);
      packed[k++] = (long) t << 32 | (Float.floatToRawIntBits(w) & 0xffffffffL);
    }
    java.util.Arrays.sort(packed);
    int[] terms = new int[known];
    float[] weights = new float[known];
    for (int i = 0; i < known; i++) {
      terms[i] = (int) (packed[i] >>> 32);
      weights[i] = Float.intBitsToFloat((int) packed[i]);
    }
    return new TermVector(terms, weights);
  }

  /** The term vector of a kept paper, analysed once per pool. */
  TermVector termVector(String paperId, String text) {
    if (keptTerms.size() > 200_000) keptTerms.clear();
    return keptTerms.computeIfAbsent(paperId, id -> termVector(text));
  }

  /** Candidate c's term vector, for {@link #dot}. */
  TermVector termsOf(int c) {
    return candidateTerms[c];
  }

  /** Cosine of two term vectors: one merge over their terms, both in ascending order. */
  static float dot(TermVector a, TermVector b) {
    int[] at = a.terms(), bt = b.terms();
    float dot = 0;
    for (int i = 0, j = 0; i < at.length && j < bt.length; ) {
      if (at[i] < bt[j]) i++;
      else if (at[i] > bt[j]) j++;
      else dot += a.weights()[i++] * b.weights()[j++];
    }
    return dot;
  }

  /** Cosine of an embedding and candidate c's; NaN when either has none. */
  float vectorSimilarity(float[] v, int c) {
    float[] cv = vectors[c];
    return v == null || cv == null || cv.length != v.length ? Float.NaN : VectorUtil.dotProduct(v, cv);
  }

  /**
   * out[c] = Σ_k weight_k · cosine(v_k, candidate c), in one pass over the inverted index: the sum of
   * the term vectors is formed first, so a term shared by many kept papers is walked once.
   */
  void termSimilaritiesOfSum(List<TermVector> vs, double[] weights, float[] out) {
    java.util.Arrays.fill(out, 0f);
    // summed in a dense array over the vocabulary (no boxing), then walked in term order
    float[] sum = new float[idf.length];
    java.util.BitSet used = new java.util.BitSet(idf.length);
    for (int k = 0; k < vs.size(); k++) {
      TermVector v = vs.get(k);
      for (int i = 0; i < v.terms().length; i++) {
        sum[v.terms()[i]] += (float) (v.weights()[i] * weights[k]);
        used.set(v.terms()[i]);
      }
    }
    for (int t = used.nextSetBit(0); t >= 0; t = used.nextSetBit(t + 1)) {
      int[] docs = postingDocs[t];
      float[] ws = postingWeights[t];
      float w = sum[t];
      for (int j = 0; j < docs.length; j++) out[docs[j]] += w * ws[j];
    }
  }

  /** out[c] = cosine of the term vectors of {@code v} and candidate c (through the inverted index). */
  void termSimilarities(TermVector v, float[] out) {
    java.util.Arrays.fill(out, 0f);
    for (int k = 0; k < v.terms().length; k++) {
      int[] docs = postingDocs[v.terms()[k]];
      float[] ws = postingWeights[v.terms()[k]];
      float w = v.weights()[k];
      for (int j = 0; j < docs.length; j++) out[docs[j]] += w * ws[j];
    }
  }

  /** out[c] = cosine of the embeddings (unit length) of {@code v} and candidate c; NaN where c has none. */
  void vectorSimilarities(float[] v, float[] out) {
    for (int c = 0; c < out.length; c++) {
      float[] cv = vectors[c];
      out[c] = cv == null || cv.length != v.length ? Float.NaN : VectorUtil.dotProduct(v, cv);
    }
  }
}
