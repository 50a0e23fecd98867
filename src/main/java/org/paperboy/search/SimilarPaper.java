package org.paperboy.search;

import org.paperboy.paper.Paper;

/** A paper near another one by meaning; {@code similarity} is the cosine of their vectors. */
public record SimilarPaper(Paper paper, double similarity) {}
