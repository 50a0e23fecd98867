package org.paperboy.trending;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

/**
 * The daily lists: which papers were on which day's list, with their counts. Owns the
 * {@code daily_entries} table; writers are {@link DailyFeedImporter} (and later the community's votes).
 */
public final class DailyList {
  private final Jdbi jdbi;
  private final PaperStore papers;

  public DailyList(Database database, PaperStore papers) {
    this.jdbi = database.jdbi();
    this.papers = papers;
  }

  /** How a list is ordered: most upvoted first, or most recently listed first. */
  public enum Order { UPVOTES, LISTED_AT }

  /** A slice of the entries listed between two days (inclusive), optionally only one submitter's. */
  public record Query(LocalDate from, LocalDate to, String submitter, Order order, int offset, int limit) {}

  public Optional<LocalDate> latestDay() {
    return day("SELECT MAX(listing_date) FROM daily_entries", null);
  }

  public Optional<LocalDate> earliestDay() {
    return day("SELECT MIN(listing_date) FROM daily_entries", null);
  }

  /** The nearest earlier day that has a list. */
  public Optional<LocalDate> dayBefore(LocalDate day) {
    return day("SELECT MAX(listing_date) FROM daily_entries WHERE listing_date < :d", day);
  }

  /** The nearest later day that has a list. */
  public Optional<LocalDate> dayAfter(LocalDate day) {
    return day("SELECT MIN(listing_date) FROM daily_entries WHERE listing_date > :d", day);
  }

  private Optional<LocalDate> day(String sql, LocalDate bound) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql);
      if (bound != null) q.bind("d", bound.toString());
      return q.mapTo(String.class).findOne().map(LocalDate::parse);
    });
  }

  /** The instant of the latest listing, empty when there are no lists yet. */
  public Optional<Instant> latestActivity() {
    return jdbi.withHandle(h -> h.createQuery("SELECT MAX(listed_at) FROM daily_entries")
        .mapTo(String.class).findOne().map(Instant::parse));
  }

  public long count(Query q) {
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT COUNT(*) FROM daily_entries WHERE " + where(q));
      bindWhere(query, q);
      return query.mapTo(Long.class).one();
    });
  }

  public List<DailyEntry> entries(Query q) {
    record Row(LocalDate day, String id, int upvotes, int comments, String by, Instant listedAt) {}
    String order = q.order() == Order.UPVOTES
        ? "baseline_upvotes DESC, baseline_comments DESC, listed_at DESC, paper_id"
        : "listed_at DESC, paper_id";
    List<Row> rows = jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT listing_date, paper_id, baseline_upvotes, baseline_comments, submitted_by,"
          + " listed_at FROM daily_entries WHERE " + where(q) + " ORDER BY " + order + " LIMIT :limit OFFSET :offset");
      bindWhere(query, q);
      return query.bind("limit", q.limit()).bind("offset", q.offset())
          .map((rs, ctx) -> new Row(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getInt(3), rs.getInt(4),
              rs.getString(5), Instant.parse(rs.getString(6))))
          .list();
    });
    Map<String, Paper> byId = new HashMap<>();
    for (Paper p : papers.findAll(rows.stream().map(r -> new ArxivId(r.id())).toList())) byId.put(p.id().value(), p);
    List<DailyEntry> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Paper p = byId.get(r.id());
      if (p != null) out.add(new DailyEntry(r.day(), p, r.upvotes(), r.comments(), r.by(), r.listedAt()));
    }
    return out;
  }

  private static String where(Query q) {
    return "listing_date >= :from AND listing_date <= :to" + (q.submitter() == null ? "" : " AND submitted_by = :by");
  }

  private static void bindWhere(org.jdbi.v3.core.statement.Query query, Query q) {
    query.bind("from", q.from().toString()).bind("to", q.to().toString());
    if (q.submitter() != null) query.bind("by", q.submitter());
  }

  /** Every listing of one paper, latest first. */
  public List<DailyEntry> listingsOf(Paper paper) {
    return jdbi.withHandle(h -> h.createQuery("SELECT listing_date, baseline_upvotes, baseline_comments, submitted_by,"
            + " listed_at FROM daily_entries WHERE paper_id = :id ORDER BY listing_date DESC")
        .bind("id", paper.id().value())
        .map((rs, ctx) -> new DailyEntry(LocalDate.parse(rs.getString(1)), paper, rs.getInt(2), rs.getInt(3),
            rs.getString(4), Instant.parse(rs.getString(5))))
        .list());
  }

  /** A cheap fingerprint that changes whenever any list changes: pages use it for ETag and caching. */
  public String version() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) || ':' || COALESCE(SUM(baseline_upvotes + baseline_comments), 0) || ':' || COALESCE(MAX(listed_at), '')"
                + " FROM daily_entries")
        .mapTo(String.class).one());
  }
}
