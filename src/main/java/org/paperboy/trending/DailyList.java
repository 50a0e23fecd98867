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
 * {@code daily_entries} table; writers are {@link DailyFeedImporter} and the community's submissions.
 * The counts it hands out are the imported baseline plus the community's own ({@link ActivityCounts}).
 */
public final class DailyList {
  private final Jdbi jdbi;
  private final PaperStore papers;
  private final ActivityCounts activity;

  public DailyList(Database database, PaperStore papers) {
    this(database, papers, ActivityCounts.NONE);
  }

  public DailyList(Database database, PaperStore papers, ActivityCounts activity) {
    this.jdbi = database.jdbi();
    this.papers = papers;
    this.activity = activity;
  }

  /** How a list is ordered: most upvoted first, or most recently listed first. */
  public enum Order { UPVOTES, LISTED_AT }

  /** A slice of the entries listed between two days (inclusive), optionally only one submitter's. */
  public record Query(LocalDate from, LocalDate to, String submitter, Order order, int offset, int limit) {}

  public Optional<LocalDate> latestDay() {
    return day("SELECT MAX(listing_date) FROM daily_entries", null);
  }

  /** The day a request that names none means: the latest day with a list, or today before there is any. */
  public LocalDate latestDayOrToday(java.time.Clock clock) {
    return latestDay().orElse(LocalDate.now(clock));
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
        ? "pinned DESC, baseline_upvotes DESC, baseline_comments DESC, listed_at DESC, paper_id"
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
    List<ArxivId> ids = rows.stream().map(r -> new ArxivId(r.id())).toList();
    Map<String, Paper> byId = new HashMap<>();
    for (Paper p : papers.findAll(ids)) byId.put(p.id().value(), p);
    Map<String, Long> votes = activity.upvotes(ids), comments = activity.comments(ids);
    List<DailyEntry> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Paper p = byId.get(r.id());
      if (p != null) {
        int here = comments.getOrDefault(r.id(), 0L).intValue();
        out.add(new DailyEntry(r.day(), p, r.upvotes() + votes.getOrDefault(r.id(), 0L).intValue(), r.comments() + here,
            here, r.by(), r.listedAt()));
      }
    }
    // SQL ordered by the baselines; with the community's counts added, re-sort what was fetched (pins stay first).
    if (q.order() == Order.UPVOTES && !votes.isEmpty()) {
      java.util.Set<String> pins = pinnedIn(q.from(), q.to());
      out.sort(java.util.Comparator.comparing((DailyEntry e) -> !pins.contains(e.paper().id().value()))
          .thenComparing(DailyEntry::upvotes, java.util.Comparator.reverseOrder())
          .thenComparing(DailyEntry::comments, java.util.Comparator.reverseOrder())
          .thenComparing(DailyEntry::listedAt, java.util.Comparator.reverseOrder()));
    }
    return out;
  }

  /** Puts a paper on a day's list with no baseline counts; false when it is on that list already. */
  public boolean add(LocalDate day, ArxivId paper, String submittedBy, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO daily_entries (listing_date, paper_id, baseline_upvotes,"
            + " baseline_comments, submitted_by, listed_at) VALUES (:d, :p, 0, 0, :by, :at)"
            + " ON CONFLICT (listing_date, paper_id) DO NOTHING")
        .bind("d", day.toString()).bind("p", paper.value()).bind("by", submittedBy).bind("at", at.toString())
        .execute()) == 1;
  }

  /** Every paper ever listed, the most recently listed first (what to give vectors to first). */
  public List<ArxivId> papersLatestListedFirst() {
    return jdbi.withHandle(h -> h.createQuery("SELECT paper_id FROM daily_entries GROUP BY paper_id"
            + " ORDER BY MAX(listing_date) DESC, paper_id")
        .map((rs, ctx) -> new ArxivId(rs.getString(1))).list());
  }

  /** The first day a paper was listed, if it ever was. */
  public Optional<LocalDate> firstListing(ArxivId paper) {
    return jdbi.withHandle(h -> h.createQuery("SELECT MIN(listing_date) FROM daily_entries WHERE paper_id = :p")
        .bind("p", paper.value()).mapTo(String.class).findOne().map(LocalDate::parse));
  }

  /** Takes a paper off a day's list; false when it was not there. */
  public boolean remove(LocalDate day, ArxivId paper) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM daily_entries WHERE listing_date = :d AND paper_id = :p")
        .bind("d", day.toString()).bind("p", paper.value()).execute()) == 1;
  }

  /** Pins an entry to the top of its day's list (or unpins it); false when there is no such entry. */
  public boolean setPinned(LocalDate day, ArxivId paper, boolean pinned) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE daily_entries SET pinned = :pin WHERE listing_date = :d AND paper_id = :p")
        .bind("pin", pinned ? 1 : 0).bind("d", day.toString()).bind("p", paper.value()).execute()) == 1;
  }

  /** Ids of the papers pinned on the lists between two days (inclusive). */
  public java.util.Set<String> pinnedIn(LocalDate from, LocalDate to) {
    return jdbi.withHandle(h -> java.util.Set.copyOf(h.createQuery(
            "SELECT paper_id FROM daily_entries WHERE pinned = 1 AND listing_date >= :from AND listing_date <= :to")
        .bind("from", from.toString()).bind("to", to.toString()).mapTo(String.class).list()));
  }

  private static String where(Query q) {
    return "listing_date >= :from AND listing_date <= :to" + (q.submitter() == null ? "" : " AND submitted_by = :by");
  }

  private static void bindWhere(org.jdbi.v3.core.statement.Query query, Query q) {
    query.bind("from", q.from().toString()).bind("to", q.to().toString());
    if (q.submitter() != null) query.bind("by", q.submitter());
  }

  /** The counts to show for a paper, wherever it is shown: see {@link Activity}. */
  public Activity activityOf(ArxivId paper) {
    List<ArxivId> one = List.of(paper);
    long votes = activity.upvotes(one).getOrDefault(paper.value(), 0L);
    long comments = activity.comments(one).getOrDefault(paper.value(), 0L);
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(baseline_upvotes), 0), COALESCE(MAX(baseline_comments), 0)"
            + " FROM daily_entries WHERE paper_id = :id")
        .bind("id", paper.value())
        .map((rs, ctx) -> new Activity((int) (rs.getLong(1) + votes), (int) (rs.getLong(2) + comments), (int) comments))
        .one());
  }

  /** Every listing of one paper, latest first. */
  public List<DailyEntry> listingsOf(Paper paper) {
    List<ArxivId> one = List.of(paper.id());
    int votes = activity.upvotes(one).getOrDefault(paper.id().value(), 0L).intValue();
    int comments = activity.comments(one).getOrDefault(paper.id().value(), 0L).intValue();
    return jdbi.withHandle(h -> h.createQuery("SELECT listing_date, baseline_upvotes, baseline_comments, submitted_by,"
            + " listed_at FROM daily_entries WHERE paper_id = :id ORDER BY listing_date DESC")
        .bind("id", paper.id().value())
        .map((rs, ctx) -> new DailyEntry(LocalDate.parse(rs.getString(1)), paper, rs.getInt(2) + votes,
            rs.getInt(3) + comments, comments, rs.getString(4), Instant.parse(rs.getString(5))))
        .list());
  }

  /**
   * A fingerprint that changes whenever any list or count changes: pages use it for ETag and caching.
   * The store counts every write to the lists (V61, {@code ChangeCounters}), so reading it costs the same whatever their size.
   */
  public String version() {
    return jdbi.withHandle(h -> h.createQuery("SELECT value FROM change_counters WHERE name = 'daily_entries'")
        .mapTo(String.class).one()) + "/" + activity.version();
  }
}
