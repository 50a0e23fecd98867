package org.paperboy.digest;

import java.util.List;
import java.util.Map;
import org.paperboy.paper.Paper;

/**
 * Scores candidate papers against a free-text interest ("efficient attention for long sequences").
 * The search feature provides the real one (by meaning); {@link #wordOverlap()} stands in where no
 * search index exists.
 */
@FunctionalInterface
public interface InterestMatcher {
  /** The candidates that match the interest, by paper id, with a score in [0, 1]; absent = no match. */
  Map<String, Double> match(String interest, List<Paper> candidates);

  /** Matches when most of the interest's longer words appear in the title or abstract. */
  static InterestMatcher wordOverlap() {
    return (interest, candidates) -> {
      List<String> words = java.util.Arrays.stream(interest.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
          .filter(w -> w.length() >= 4).distinct().toList();
      Map<String, Double> scores = new java.util.HashMap<>();
      if (words.isEmpty()) return scores;
      for (Paper p : candidates) {
        long hits = words.stream().filter(w -> Topics.mentions(p, w)).count();
        double score = hits / (double) words.size();
        if (score >= 0.5) scores.put(p.id().value(), score);
      }
      return scores;
    };
  }
}
