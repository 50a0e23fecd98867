package org.paperboy.digest;

import java.time.DayOfWeek;
import java.time.ZoneId;

/** A subscriber and what they asked for. */
public record Subscription(long id, String email, Long accountId, Frequency frequency, DayOfWeek weekday, int sendHour,
    ZoneId timeZone, Topics topics, Status status, int permanentFailures) {

  public enum Frequency { DAILY, WEEKLY }

  public enum Status { PENDING, ACTIVE, UNSUBSCRIBED, SUSPENDED }
}
