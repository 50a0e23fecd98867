package org.paperboy.digest;

import java.time.DayOfWeek;
import java.time.ZoneId;

/** A subscriber and what they asked for; {@code forYou}: papers from the member's personal ranking, not trending. */
public record Subscription(long id, String email, Long accountId, Frequency frequency, DayOfWeek weekday, int sendHour,
    ZoneId timeZone, Topics topics, Status status, int permanentFailures, boolean forYou) {

  public enum Frequency { DAILY, WEEKLY }

  public enum Status { PENDING, ACTIVE, UNSUBSCRIBED, SUSPENDED }
}
