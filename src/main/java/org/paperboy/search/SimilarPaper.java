package org.paperboy.search;

import org.paperboy.paper.Paper;

/**
 * A paper near another one. {@code similarity} is the cosine of their vectors when found by meaning,
 * and the words' match score relative to the best match (1 for the first) when found by words.
 */
public record SimilarPaper(Paper paper, double similarity) {}
