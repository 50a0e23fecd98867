package org.paperboy.trending;

import java.util.Collection;
import java.util.Map;
import org.paperboy.paper.ArxivId;

/**
 * How many GitHub stars each paper's repository gained recently (the code feature keeps the history):
 * what the "why" line mentions and what {@code sort=starGrowth} orders by. Papers without a tracked
 * repository are absent.
 */
@FunctionalInterface
public interface StarGrowth {
  StarGrowth NONE = papers -> Map.of();

  /** Stars gained over {@link #WINDOW_DAYS} days, by paper id. */
  Map<String, Integer> of(Collection<ArxivId> papers);

  int WINDOW_DAYS = 7;
}
