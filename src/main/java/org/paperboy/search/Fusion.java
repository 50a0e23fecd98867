package org.paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a keyword and a semantic ranking into one. Two ways, both measured on SciFact (see README):
 * reciprocal-rank fusion uses only ranks; score fusion rescales each list's scores to [0, 1] by its
 * own best and worst and adds them weighted, so a clear BM25 winner keeps its lead.
 *
 * <p>Vectors may be missing (a new instance, a paper harvested since the last embedding). Two rules
 * keep that from ranking worse than keywords alone: a paper without a vector competes on its keyword
 * score alone (its missing semantic score is taken to be its keyword score), and the semantic list's
 * weight shrinks with the share of the keyword candidates that have a vector, so a query whose
 * candidates have none ranks exactly as BM25 does, and a handful of vectors cannot lift papers that
 * merely happen to have one above the papers that match.
 *
 *
 * <p>A static vector (averaged token vectors, the first a paper gets) says much less than a model's
 * vector: its meaning counts only {@code staticTrust} as much, the rest of its meaning score again
 * taken from its keyword score, so a corpus of static vectors alone ranks close to BM25, never far below.
 *
 * @param semanticWeight the semantic list's share, 0..1 (score fusion) or its RRF multiplier
 * @param rrfK RRF's damping constant (60 in the original paper)
 * @param staticTrust how much of a static vector's similarity counts, 0..1 (0: as if it had none)
 */
public record Fusion(Kind kind, double semanticWeight, int rrfK, double staticTrust) {
  public enum Kind { RRF, SCORES }

  /** Chosen on SciFact training queries: see README. */
  public static final double STATIC_TRUST = 0.3;
  public static final Fusion DEFAULT = new Fusion(Kind.SCORES, 0.6, 60, STATIC_TRUST);

  public Fusion(Kind kind, double semanticWeight, int rrfK) {
    this(kind, semanticWeight, rrfK, STATIC_TRUST);
  }

  /** A ranked result: a document number in the index and its score in its own list. */
  public record Ranked(int doc, double score) {}

  /**
   * The candidates of one query: the keyword list (BM25 scores), the semantic list (nearest vectors,
   * similarity scores), and the similarity to the query of every keyword candidate that has a vector.
   */
  public record Candidates(List<Ranked> keyword, List<Ranked> semantic, Map<Integer, Double> similarityOfKeywordHits,
      java.util.Set<Integer> staticVectors) {
    /** Candidates whose vectors all come from the model. */
    public Candidates(List<Ranked> keyword, List<Ranked> semantic, Map<Integer, Double> similarityOfKeywordHits) {
      this(keyword, semantic, similarityOfKeywordHits, java.util.Set.of());
    }

    /** The share of the keyword candidates that have a vector; 1 when no paper matches the words. */
    public double coverage() {
      return keyword.isEmpty() ? 1 : similarityOfKeywordHits.size() / (double) keyword.size();
    }

    /**
     * The same candidates with the keyword list cut at its first {@code n}: a deeper page fetches more
     * keyword candidates, and what is decided from them (words only, or words and meaning) must not change.
     */
    public Candidates head(int n) {
      if (keyword.size() <= n) return this;
      List<Ranked> first = keyword.subList(0, n);
      Map<Integer, Double> similarity = new HashMap<>();
      for (Ranked r : first) {
        Double s = similarityOfKeywordHits.get(r.doc());
        if (s != null) similarity.put(r.doc(), s);
      }
      return new Candidates(first, semantic, similarity, staticVectors);
    }
  }

  /** The weight the semantic list gets for these candidates: zero when none of them has a vector. */
  public double effectiveWeight(Candidates c) {
    return semanticWeight * c.coverage();
  }

  public List<Ranked> fuse(Candidates c) {
    double weight = effectiveWeight(c);
    Map<Integer, double[]> fused = new HashMap<>();
    if (kind == Kind.RRF) {
      Map<Integer, Integer> semanticRank = new HashMap<>();
      for (int i = 0; i < c.semantic().size(); i++) semanticRank.put(c.semantic().get(i).doc(), i);
      for (int i = 0; i < c.keyword().size(); i++) {
        int doc = c.keyword().get(i).doc();
        double own = 1.0 / (rrfK + i + 1);
        // without a vector, the keyword rank stands in for the semantic one (in part, with a static one)
        double semantic = c.similarityOfKeywordHits().containsKey(doc) ? (1 - trust(c, doc)) * own : own;
        fused.computeIfAbsent(doc, d -> new double[1])[0] += own + weight * semantic;
      }
      for (int i = 0; i < c.semantic().size(); i++) {
        int doc = c.semantic().get(i).doc();
        fused.computeIfAbsent(doc, d -> new double[1])[0] += weight * trust(c, doc) / (rrfK + i + 1);
      }
    } else {
      Map<Integer, Double> keyword = scaled(c.keyword());
      Range semantic = Range.of(c.semantic());
      for (Ranked r : c.semantic()) {
        double words = keyword.getOrDefault(r.doc(), 0.0);
        fused.put(r.doc(), new double[] {(1 - weight) * words + weight * meaning(c, r.doc(), semantic.scale(r.score()), words)});
      }
      for (Ranked r : c.keyword()) {
        if (fused.containsKey(r.doc())) continue;
        double words = keyword.get(r.doc());
        Double similarity = c.similarityOfKeywordHits().get(r.doc());
        double meaning = similarity == null ? words : meaning(c, r.doc(), semantic.scale(similarity), words);
        fused.put(r.doc(), new double[] {(1 - weight) * words + weight * meaning});
      }
    }
    List<Ranked> out = new ArrayList<>(fused.size());
    fused.forEach((doc, score) -> out.add(new Ranked(doc, score[0])));
    out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::doc));
    return out;
  }

  /** How much of this document's similarity counts: all of it, or {@link #staticTrust} for a static vector. */
  private double trust(Candidates c, int doc) {
    return c.staticVectors().contains(doc) ? staticTrust : 1;
  }

  /** A document's meaning score: its rescaled similarity, mixed with its keyword score as far as its vector is not trusted. */
  private double meaning(Candidates c, int doc, double similarity, double words) {
    double t = trust(c, doc);
    return t * similarity + (1 - t) * words;
  }

  private static Map<Integer, Double> scaled(List<Ranked> list) {
    Range range = Range.of(list);
    Map<Integer, Double> out = new HashMap<>();
    for (Ranked r : list) out.put(r.doc(), range.scale(r.score()));
    return out;
  }

  /** A list's best and worst score: what rescales it to [0, 1]. */
  private record Range(double min, double max) {
    static Range of(List<Ranked> list) {
      double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
      for (Ranked r : list) {
        max = Math.max(max, r.score());
        min = Math.min(min, r.score());
      }
      return new Range(min, max);
    }

    /** Scores outside the list (a keyword hit farther away than the farthest neighbour) are clamped. */
    double scale(double score) {
      double range = max - min;
      if (!(range > 0)) return 1;
      return Math.clamp((score - min) / range, 0.0, 1.0);
    }
  }
}
