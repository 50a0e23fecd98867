package org.paperboy.search;

import java.time.Duration;
import java.util.List;
import org.paperboy.paper.Paper;

/**
 * One page of results.
 *
 * @param total how many results the query has (for hybrid and semantic: how many candidates were ranked)
 * @param mode the mode that produced them: a semantic query with no topic words, or one asked while no
 *     paper has a vector yet, falls back to bm25
 * @param basis what the list was ranked by, and how much of the corpus had vectors
 */
public record SearchResults(List<Hit> hits, long total, Duration took, SearchMode mode, Basis basis) {
  /**
   * @param titleHtml the title, HTML-escaped, matches in {@code <mark>}
   * @param snippetHtml the best passages of the abstract, escaped the same way
   * @param score the ranking score in this mode (BM25, cosine, or fused); comparable only within one result list
   */
  public record Hit(Paper paper, String titleHtml, String snippetHtml, double score) {}

  /** "1 result", "1,156 results": the total as every list of results says it. */
  public String totalSaid() {
    return String.format("%,d %s", total, total == 1 ? "result" : "results");
  }
}
