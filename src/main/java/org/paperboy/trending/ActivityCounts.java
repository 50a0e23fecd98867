package org.paperboy.trending;

import java.util.Collection;
import java.util.Map;
import org.paperboy.paper.ArxivId;

/**
 * The community's own upvotes and comments, which add to the baseline a feed brought. Given to
 * {@link DailyList} by whoever wires the features, so trending never reads another package's tables.
 */
public interface ActivityCounts {
  /** No activity beyond the baselines (a store without a community). */
  ActivityCounts NONE = new ActivityCounts() {
    @Override
    public Map<String, Long> upvotes(Collection<ArxivId> papers) {
      return Map.of();
    }

    @Override
    public Map<String, Long> comments(Collection<ArxivId> papers) {
      return Map.of();
    }

    @Override
    public String version() {
      return "";
    }
  };

  /** Real upvotes per paper id; papers without any may be absent. */
  Map<String, Long> upvotes(Collection<ArxivId> papers);

  /** Visible comments per paper id; papers without any may be absent. */
  Map<String, Long> comments(Collection<ArxivId> papers);

  /** Changes whenever a count may have changed, for caches and ETags. */
  String version();
}
