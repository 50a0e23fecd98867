package org.paperboy.search;

import java.util.List;

/**
 * The papers most like one paper, and what made them alike: its vector's nearest neighbours
 * ({@link Basis.Kind#MEANING}) when it has one, else the papers sharing its most telling words
 * ({@link Basis.Kind#WORDS}).
 */
public record SimilarPapers(List<SimilarPaper> papers, Basis basis) {
  public boolean byMeaning() {
    return basis.kind() == Basis.Kind.MEANING;
  }
}
