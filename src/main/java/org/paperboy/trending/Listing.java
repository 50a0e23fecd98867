package org.paperboy.trending;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.support.Refusal;

/**
 * Which days a daily list covers: one day ({@code date=2024-05-27}), an ISO week
 * ({@code week=2024-W22}) or a month ({@code month=2024-05}) — the parameters of the public
 * daily-papers API, shared by the pages, the JSON API and the feeds — and how to step to the
 * previous or next one, name it in a link, and title it.
 */
public record Listing(Kind kind, LocalDate from, LocalDate to) {
  public enum Kind { DAY, WEEK, MONTH }

  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");

  public static Listing day(LocalDate day) {
    return new Listing(Kind.DAY, day, day);
  }

  public static Listing week(LocalDate anyDay) {
    LocalDate monday = anyDay.with(DayOfWeek.MONDAY);
    return new Listing(Kind.WEEK, monday, monday.plusDays(6));
  }

  public static Listing month(YearMonth month) {
    return new Listing(Kind.MONTH, month.atDay(1), month.atEndOfMonth());
  }

  /** At most one of the three may be given; none means the latest day, which the caller supplies. */
  public static Listing parse(String date, String week, String month, LocalDate latestDay) {
    int given = (blank(date) ? 0 : 1) + (blank(week) ? 0 : 1) + (blank(month) ? 0 : 1);
    if (given > 1) throw Refusal.badInput("give at most one of date, week and month");
    if (!blank(date)) return day(parseDate(date, "date"));
    if (!blank(week)) return week(parseWeek(week));
    if (!blank(month)) {
      try {
        return month(YearMonth.parse(month.strip()));
      } catch (DateTimeParseException e) {
        throw Refusal.badInput("month must look like 2024-05, got '" + month + "'");
      }
    }
    return day(latestDay);
  }

  public static LocalDate parseDate(String text, String name) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Refusal.badInput(name + " must be a date like 2024-05-27, got '" + text + "'");
    }
  }

  private static LocalDate parseWeek(String text) {
    Matcher m = WEEK.matcher(text.strip());
    if (!m.matches()) throw Refusal.badInput("week must look like 2024-W22, got '" + text + "'");
    int year = Integer.parseInt(m.group(1)), week = Integer.parseInt(m.group(2));
    LocalDate jan4 = LocalDate.of(year, 1, 4);
    if (week < 1 || week > jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      throw Refusal.badInput("week " + text + " does not exist");
    }
    return jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The query parameter naming this listing, for links. */
  public String param() {
    return switch (kind) {
      case DAY -> "date=" + from;
      case WEEK -> "week=" + isoWeek(from);
      case MONTH -> "month=" + YearMonth.from(from);
    };
  }

  public static String isoWeek(LocalDate day) {
    return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  public Listing previous() {
    return switch (kind) {
      case DAY -> day(from.minusDays(1));
      case WEEK -> week(from.minusWeeks(1));
      case MONTH -> month(YearMonth.from(from).minusMonths(1));
    };
  }

  public Listing next() {
    return switch (kind) {
      case DAY -> day(from.plusDays(1));
      case WEEK -> week(from.plusWeeks(1));
      case MONTH -> month(YearMonth.from(from).plusMonths(1));
    };
  }

  /** The trending window whose half-life suits this listing's length (trending sort of a period). */
  public TrendingRanking.Window window() {
    return switch (kind) {
      case DAY -> TrendingRanking.Window.DAY;
      case WEEK -> TrendingRanking.Window.WEEK;
      case MONTH -> TrendingRanking.Window.MONTH;
    };
  }

  public String heading() {
    return switch (kind) {
      case DAY -> from.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + ", " + from;
      case WEEK -> "Top of the week " + isoWeek(from) + " (" + from + " – " + to + ")";
      case MONTH -> "Top of the month " + YearMonth.from(from).getMonth().getDisplayName(
          java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + from.getYear();
    };
  }
}
