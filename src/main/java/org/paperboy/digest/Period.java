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
    LocalDate today = local.toLocalDate();
    if (s.frequency() == Subscription.Frequency.DAILY) {
      if (local.getHour() < s.sendHour()) return Optional.empty();
      return Optional.of(new Period("daily:" + today, today.minusDays(1), today.minusDays(1)));
    }
    // weekly: due from the chosen weekday's send hour until the week ends (so a late start catches up)
    LocalDate sendDay = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .plusDays(s.weekday().getValue() - 1L);
    if (today.isBefore(sendDay) || today.equals(sendDay) && local.getHour() < s.sendHour()) return Optional.empty();
    String week = sendDay.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", sendDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    return Optional.of(new Period("weekly:" + week, sendDay.minusDays(7), sendDay.minusDays(1)));
  }

  public boolean daily() {
    return key.startsWith("daily:");
  }
}
