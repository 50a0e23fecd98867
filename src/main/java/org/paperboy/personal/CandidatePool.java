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

  private final List<Candidate> candidates;
  private final Map<String, Integer> indexOf = new HashMap<>();
  /** Word (or pair) → its term id in {@link #words}, in the order the candidates first use them. */
  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final SparseIndex words;
  private final float[][] vectors;
  private final int vectorCount;
  private final double[] centrality;
  private final Phrases phrases;

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
    List<SparseIndex.Counts> counts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Candidate c = this.candidates.get(i);
      indexOf.putIfAbsent(c.id(), i);
      Map<String, Integer> tc = TermCounts.of(c.text(), pairs);
      for (String t : tc.keySet()) vocabulary.putIfAbsent(t, vocabulary.size());
      counts.add(counts(tc));
    }
    words = new SparseIndex(counts, vocabulary.size(), terms.idfPower());
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
    int n = size();
    float[] mean = new float[words.vocabulary()];
    for (int c = 0; c < n; c++) {
      SparseIndex.Vector v = words.candidate(c);
      for (int k = 0; k < v.terms().length; k++) mean[v.terms()[k]] += v.weights()[k] / n;
    }
    double[] cos = new double[n];
    double sum = 0, sq = 0;
    for (int c = 0; c < n; c++) {
      SparseIndex.Vector v = words.candidate(c);
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

  /** The candidates' words and pairs ({@link TermCounts}) as tf-idf vectors over the pool. */
  SparseIndex words() {
    return words;
  }

  /** The candidates' phrases ({@link Phrases}): runs of words a new paper shares with a kept one. */
  Phrases phrases() {
    return phrases;
  }

  /** The text's tf-idf vector; words the pool never uses count toward its length but match nothing. */
  SparseIndex.Vector termVector(String text) {
    return words.weigh(counts(TermCounts.of(text, pairs)));
  }

  /** The term vector of a kept paper, analysed once per pool. */
  SparseIndex.Vector termVector(String paperId, String text) {
    return words.kept(paperId, () -> counts(TermCounts.of(text, pairs)));
  }

  /** Word counts as term ids of the pool, in the map's own order (the order the vector's length is summed in). */
  private SparseIndex.Counts counts(Map<String, Integer> counts) {
    int[] terms = new int[counts.size()], tf = new int[counts.size()];
    int i = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      terms[i] = vocabulary.getOrDefault(e.getKey(), SparseIndex.UNSEEN);
      tf[i++] = e.getValue();
    }
    return new SparseIndex.Counts(terms, tf);
  }

  /** Cosine of an embedding and candidate c's; NaN when either has none. */
  float vectorSimilarity(float[] v, int c) {
    float[] cv = vectors[c];
    return v == null || cv == null || cv.length != v.length ? Float.NaN : VectorUtil.dotProduct(v, cv);
  }

  /** out[c] = cosine of the embeddings (unit length) of {@code v} and candidate c; NaN where c has none. */
  void vectorSimilarities(float[] v, float[] out) {
    for (int c = 0; c < out.length; c++) {
      float[] cv = vectors[c];
      out[c] = cv == null || cv.length != v.length ? Float.NaN : VectorUtil.dotProduct(v, cv);
    }
  }
}
