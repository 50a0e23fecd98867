package org.paperboy.digest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperboy.paper.Paper;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.support.Refusal;

/**
 * Matches a subscriber's free-text interest by meaning, with the site's hybrid search restricted to
 * the candidates' dates: a candidate among the top hits matches, scored by its rank. Where search
 * refuses the text (only stop words, say) the word-overlap fallback decides.
 */
public final class SearchInterestMatcher implements InterestMatcher {
  /** How many of the best hits count as matching: selective in a week of ~1,000 new papers. */
  static final int DEPTH = 20;

  private final org.paperboy.search.SearchService search;
  private final InterestMatcher fallback = InterestMatcher.wordOverlap();
  private long caughtUpAt;

  public SearchInterestMatcher(org.paperboy.search.SearchService search) {
    this.search = search;
  }

  @Override
  public Map<String, Double> match(String interest, List<Paper> candidates) {
    if (candidates.isEmpty()) return Map.of();
    Set<String> wanted = new HashSet<>();
    LocalDate from = LocalDate.MAX, to = LocalDate.MIN;
    for (Paper p : candidates) {
      wanted.add(p.id().value());
      LocalDate d = p.publishedOn();
      if (d == null) continue;
      if (d.isBefore(from)) from = d;
      if (d.isAfter(to)) to = d;
    }
    catchUpNowAndThen();
    SearchRequest request = SearchRequest.of(interest).withPage(0, DEPTH);
    if (!from.isAfter(to)) request = request.withDates(from, to, SearchRequest.DateField.ANNOUNCED);
    SearchResults results;
    try {
      results = search.search(request);
    } catch (Refusal e) {
      return fallback.match(interest, candidates);
    }
    Map<String, Double> scores = new HashMap<>();
    int rank = 0;
    for (SearchResults.Hit hit : results.hits()) {
      String id = hit.paper().id().value();
      if (wanted.contains(id)) scores.put(id, 1.0 - rank / (double) DEPTH);
      rank++;
    }
    return scores;
  }

  /** The index must hold the candidates; once a second is plenty during a run over many subscribers. */
  private synchronized void catchUpNowAndThen() {
    long now = System.nanoTime();
    if (caughtUpAt != 0 && now - caughtUpAt < 1_000_000_000L) return;
    search.catchUp();
    caughtUpAt = now;
  }
}
