package org.paperboy.trending;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.support.Plural;

/**
 * Ranks papers by community momentum with time decay — the formula is meant to be read:
 *
 * <pre>
 *   points = upvotes + 2 × comments
 *   score  = points × 2^(−age / halfLife)
 * </pre>
 *
 * {@code age} is whole days between the paper's latest listing in the window and the window's last
 * day; {@code halfLife} is 1 day for the day window, 2 for the week and 7 for the month. A comment
 * counts double because it is more effort than a click. The window ends today, or — when the
 * newest activity is older than the window (historical data) — on the day of the newest activity,
 * so an imported archive still has something to show; {@link Ranking#historical()} says which.
 */
public final class TrendingRanking {
  /** The formula as the pages and the API show it. */
  public static final String FORMULA = "score = (upvotes + 2 × comments) × 2^(−age in days ÷ half-life);"
      + " half-life 1 day (day), 2 days (week), 7 days (month)";

  public enum Window {
    DAY(1, 1.0), WEEK(7, 2.0), MONTH(30, 7.0);

    public final int days;
    public final double halfLifeDays;

    Window(int days, double halfLifeDays) {
      this.days = days;
      this.halfLifeDays = halfLifeDays;
    }

    public static Optional<Window> parse(String name) {
      for (Window w : values()) if (w.name().equalsIgnoreCase(name)) return Optional.of(w);
      return Optional.empty();
    }
  }

  /** One ranked paper: its entry, its score and the reason in a line a person reads. */
  public record Ranked(DailyEntry entry, double score, long ageDays, String why) {}

  /**
   * @param from first day of the window
   * @param to last day of the window
   * @param historical true when the window ends at the latest activity rather than today
   */
  public record Ranking(Window window, LocalDate from, LocalDate to, boolean historical, List<Ranked> entries) {}

  /** Enough for any window: a month holds ~500 listings in the real feed. */
  private static final int MAX_CANDIDATES = 10_000;

  private final DailyList lists;
  private final Clock clock;
  private final StarGrowth stars;

  public TrendingRanking(DailyList lists, Clock clock) {
    this(lists, clock, StarGrowth.NONE);
  }

  /** @param stars recent GitHub star growth, which the "why" line mentions (it does not change the score) */
  public TrendingRanking(DailyList lists, Clock clock, StarGrowth stars) {
    this.lists = lists;
    this.clock = clock;
    this.stars = stars;
  }

  public Ranking rank(Window window, int limit) {
    LocalDate today = LocalDate.now(clock);
    Optional<LocalDate> latest = lists.latestDay();
    boolean historical = latest.isPresent() && latest.get().isBefore(today.minusDays(window.days - 1));
    return rank(window, historical ? latest.get() : today, historical, limit);
  }

  /** The ranking of the window that ends on {@code to}, whatever today is (digests of a past period). */
  public Ranking rankEndingOn(Window window, LocalDate to, int limit) {
    return rank(window, to, false, limit);
  }

  private Ranking rank(Window window, LocalDate to, boolean historical, int limit) {
    LocalDate from = to.minusDays(window.days - 1);
    List<DailyEntry> candidates =
        lists.entries(new DailyList.Query(from, to, null, DailyList.Order.LISTED_AT, 0, MAX_CANDIDATES));
    // A paper listed on several days counts once: at its latest listing, with its highest counts.
    Map<String, DailyEntry> perPaper = new LinkedHashMap<>();
    for (DailyEntry e : candidates) {
      perPaper.merge(e.paper().id().value(), e, (a, b) -> new DailyEntry(
          a.listingDate().isAfter(b.listingDate()) ? a.listingDate() : b.listingDate(), a.paper(),
          Math.max(a.upvotes(), b.upvotes()), Math.max(a.comments(), b.comments()), a.commentsHere(),
          a.submittedBy() != null ? a.submittedBy() : b.submittedBy(), a.listedAt()));
    }
    List<Ranked> ranked = new ArrayList<>(perPaper.size());
    Map<String, Integer> growth = stars.of(perPaper.values().stream().map(e -> e.paper().id()).toList());
    for (DailyEntry e : perPaper.values()) {
      long age = ChronoUnit.DAYS.between(e.listingDate(), to);
      ranked.add(new Ranked(e, score(e.upvotes(), e.comments(), age, window), age,
          why(e, age, historical, to, growth.getOrDefault(e.paper().id().value(), 0))));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
        .thenComparing(r -> r.entry().paper().id().value()));
    return new Ranking(window, from, to, historical, List.copyOf(ranked.subList(0, Math.min(limit, ranked.size()))));
  }

  /**
   * A listing's entries (as {@link DailyList#entries} counts them) ranked by the same formula, with
   * ages counted back from the listing's last day and the half-life of its length — the daily-papers
   * API's {@code sort=trending}. Unlike {@link #rank}, a paper listed on two days appears twice.
   */
  public List<DailyEntry> rankListing(Listing listing, String submitter, int offset, int limit) {
    Window window = listing.window();
    return lists.entries(new DailyList.Query(listing.from(), listing.to(), submitter, DailyList.Order.UPVOTES, 0,
            MAX_CANDIDATES)).stream()
        .sorted(Comparator.comparingDouble((DailyEntry e) -> -score(e.upvotes(), e.comments(),
            ChronoUnit.DAYS.between(e.listingDate(), listing.to()), window)))
        .skip(offset).limit(limit).toList();
  }

  /**
   * A listing's entries ordered by the GitHub stars their repositories gained over the last
   * {@link StarGrowth#WINDOW_DAYS} days (most first); papers without a tracked repository after them,
   * each group by the trending formula — the daily-papers API's {@code sort=starGrowth}.
   */
  public List<DailyEntry> rankListingByStarGrowth(Listing listing, String submitter, int offset, int limit) {
    List<DailyEntry> all = rankListing(listing, submitter, 0, MAX_CANDIDATES);
    Map<String, Integer> growth = stars.of(all.stream().map(e -> e.paper().id()).toList());
    // a stable sort keeps the trending order among equal growth
    return all.stream()
        .sorted(Comparator.comparingInt((DailyEntry e) -> -growth.getOrDefault(e.paper().id().value(), Integer.MIN_VALUE / 2)))
        .skip(offset).limit(limit).toList();
  }

  public static double score(int upvotes, int comments, long ageDays, Window window) {
    return (upvotes + 2.0 * comments) * Math.pow(2, -ageDays / window.halfLifeDays);
  }

  static String why(DailyEntry e, long ageDays, boolean historical, LocalDate to, int starsGained) {
    String counts = Plural.of(e.upvotes(), "upvote") + ", " + e.commentsLabel();
    String when = historical ? (ageDays == 0 ? "listed on " + to : "listed " + Plural.of(ageDays, "day") + " before " + to)
        : (ageDays == 0 ? "listed today" : Plural.of(ageDays, "day") + " old");
    String code = starsGained > 0 ? ", +" + Plural.of(starsGained, "GitHub star") + " this week" : "";
    return counts + ", " + when + code;
  }
}
