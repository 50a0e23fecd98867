package org.paperboy.search;

import java.time.LocalDate;
import org.paperboy.support.Refusal;

/**
 * One search as the web or CLI asks it.
 *
 * @param category only papers in this category (cs.CL) or archive (cs); null for all
 * @param primaryOnly the category must be the paper's primary one, not a cross-list
 * @param from first day, inclusive; null for open
 * @param to last day, inclusive; null for open
 * @param dateField which date {@code from}/{@code to} are about
 * @param offset how many results to skip (paging)
 */
public record SearchRequest(String query, SearchMode mode, String category, boolean primaryOnly,
    LocalDate from, LocalDate to, DateField dateField, Order order, int offset, int limit) {
  public static final int MAX_LIMIT = 100;
  public static final int MAX_OFFSET = 1_000;

  public enum DateField { ANNOUNCED, SUBMITTED }

  public enum Order { RELEVANCE, NEWEST }

  public SearchRequest {
    if (mode == null) mode = SearchMode.HYBRID;
    if (dateField == null) dateField = DateField.ANNOUNCED;
    if (order == null) order = Order.RELEVANCE;
    if (limit < 1 || limit > MAX_LIMIT) throw Refusal.badInput("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
    if (offset < 0 || offset > MAX_OFFSET) throw Refusal.badInput("offset must be between 0 and " + MAX_OFFSET + ", not " + offset);
    if (from != null && to != null && from.isAfter(to)) throw Refusal.badInput("the date range ends (" + to + ") before it starts (" + from + ")");
  }

  /** The first page of a hybrid search by relevance, no filters. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, SearchMode.HYBRID, null, false, null, null, null, null, 0, 10);
  }

  public SearchRequest withMode(SearchMode m) {
    return new SearchRequest(query, m, category, primaryOnly, from, to, dateField, order, offset, limit);
  }

  public SearchRequest withCategory(String c, boolean primary) {
    return new SearchRequest(query, mode, c, primary, from, to, dateField, order, offset, limit);
  }

  public SearchRequest withDates(LocalDate f, LocalDate t, DateField field) {
    return new SearchRequest(query, mode, category, primaryOnly, f, t, field, order, offset, limit);
  }

  public SearchRequest withOrder(Order o) {
    return new SearchRequest(query, mode, category, primaryOnly, from, to, dateField, o, offset, limit);
  }

  public SearchRequest withPage(int off, int lim) {
    return new SearchRequest(query, mode, category, primaryOnly, from, to, dateField, order, off, lim);
  }
}
