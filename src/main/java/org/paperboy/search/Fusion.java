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
 * @param semanticWeight the semantic list's share, 0..1 (score fusion) or its RRF multiplier
 * @param rrfK RRF's damping constant (60 in the original paper)
 */
public record Fusion(Kind kind, double semanticWeight, int rrfK) {
  public enum Kind { RRF, SCORES }

  /** Chosen on SciFact training queries: see README. */
  public static final Fusion DEFAULT = new Fusion(Kind.SCORES, 0.6, 60);

  /** A ranked result: a document number in the index and its score in its own list. */
  public record Ranked(int doc, double score) {}

  public List<Ranked> fuse(List<Ranked> keyword, List<Ranked> semantic) {
    Map<Integer, double[]> fused = new HashMap<>();
    if (kind == Kind.RRF) {
      for (int i = 0; i < keyword.size(); i++) {
        fused.computeIfAbsent(keyword.get(i).doc(), d -> new double[1])[0] += 1.0 / (rrfK + i + 1);
      }
      for (int i = 0; i < semantic.size(); i++) {
        fused.computeIfAbsent(semantic.get(i).doc(), d -> new double[1])[0] += semanticWeight / (rrfK + i + 1);
      }
    } else {
      addScaled(fused, keyword, 1 - semanticWeight);
      addScaled(fused, semantic, semanticWeight);
    }
    List<Ranked> out = new ArrayList<>(fused.size());
    fused.forEach((doc, score) -> out.add(new Ranked(doc, score[0])));
    out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::doc));
    return out;
  }

  private static void addScaled(Map<Integer, double[]> fused, List<Ranked> list, double weight) {
    if (list.isEmpty()) return;
    double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
    for (Ranked r : list) {
      max = Math.max(max, r.score());
      min = Math.min(min, r.score());
    }
    double range = max - min;
    for (Ranked r : list) {
      double scaled = range <= 0 ? 1 : (r.score() - min) / range;
      fused.computeIfAbsent(r.doc(), d -> new double[1])[0] += weight * scaled;
    }
  }
}
