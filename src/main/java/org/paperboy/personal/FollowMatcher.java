package org.paperboy.personal;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.SearchService;

/**
 * Which papers a follow brings: an author's by name (accents and case ignored), a category's by
 * any of their categories, a saved search's by the site's own search over the same days.
 */
public final class FollowMatcher {
  /** How many of a saved search's best hits count: selective in a week of new papers. */
  static final int SEARCH_DEPTH = 30;

  private final SearchService search;

  /** @param search the site's search; null where there is none (saved searches then match nothing) */
  public FollowMatcher(SearchService search) {
    this.search = search;
  }

  /** Ids among {@code candidates} (announced from {@code from} to {@code to}) that the follow brings. */
  public Set<String> matches(Follow follow, Collection<Paper> candidates, LocalDate from, LocalDate to) {
    Set<String> out = new HashSet<>();
    switch (follow.kind()) {
      case AUTHOR -> {
        String wanted = fold(follow.target());
        for (Paper p : candidates) {
          for (Author a : p.authors()) {
            if (fold(a).equals(wanted) || fold(a.lastName()).equals(wanted)) {
              out.add(p.id().value());
              break;
            }
          }
        }
      }
      case CATEGORY -> {
        for (Paper p : candidates) if (p.categories().contains(follow.target())) out.add(p.id().value());
      }
      case SEARCH -> {
        if (search == null) return out;
        SearchRequest request = SearchRequest.of(follow.target()).withPage(0, SEARCH_DEPTH)
            .withDates(from, to, SearchRequest.DateField.ANNOUNCED);
        if (!follow.mode().isEmpty()) request = request.withMode(SearchMode.parse(follow.mode()));
        if (!follow.category().isEmpty()) request = request.withCategory(follow.category(), false);
        try {
          for (SearchResults.Hit hit : search.search(request).hits()) out.add(hit.paper().id().value());
        } catch (org.paperboy.support.Refusal e) {
          // a saved query the search now refuses (only stop words, say) brings nothing; the follow stays
        }
      }
    }
    return out;
  }

  /** An author's whole name as names are matched: first names and last name, {@link #fold(String) folded}. */
  static String fold(Author a) {
    return fold(a.firstNames() + " " + a.lastName());
  }

  /** "José  García" and "jose garcia" are one name. */
  static String fold(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
  }
}
