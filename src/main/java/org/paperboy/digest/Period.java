package org.paperboy.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Optional;

/**
 * A digest's period: the key that makes it unique per subscriber, and the days of community activity
 * it covers. A daily digest sent on the 29th covers the 28th (a complete day's list); a weekly one
 * covers the seven days before its send day.
 */
public record Period(String key, LocalDate firstDay, LocalDate lastDay) {

  /** The period due for this subscriber at {@code now} (in their time zone), if its send time has come. */
  public static Optional<Period> due(Subscription s, Instant now) {
    ZonedDateTime local = now.atZone(s.timeZone());
    LocalDate sendDay = sendDay(s, local.toLocalDate());
    LocalDate today = local.toLocalDate();
    boolean come = today.isAfter(sendDay) || today.equals(sendDay) && local.getHour() >= s.sendHour();
    return come ? Optional.of(of(s, sendDay)) : Optional.empty();
  }

  /**
   * The period of the subscriber's next digest as of {@code now}: the one due now, or else the one whose
   * send time comes next (later today for a daily digest, later this week for a weekly one).
   */
  public static Period upcoming(Subscription s, Instant now) {
    return of(s, sendDay(s, now.atZone(s.timeZone()).toLocalDate()));
  }

  /** The day this period's digest goes out: today for a daily digest, the chosen weekday of this week for a weekly one. */
  private static LocalDate sendDay(Subscription s, LocalDate today) {
    if (s.frequency() == Subscription.Frequency.DAILY) return today;
    // weekly: due from the chosen weekday's send hour until the week ends (so a late start catches up)
    return today.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(s.weekday().getValue() - 1L);
  }

  private static Period of(Subscription s, LocalDate sendDay) {
    if (s.frequency() == Subscription.Frequency.DAILY) {
      return new Period("daily:" + sendDay, sendDay.minusDays(1), sendDay.minusDays(1));
    }
    String week = sendDay.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", sendDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    return new Period("weekly:" + week, sendDay.minusDays(7), sendDay.minusDays(1));
  }

  public boolean daily() {
    return key.startsWith("daily:");
  }
}
