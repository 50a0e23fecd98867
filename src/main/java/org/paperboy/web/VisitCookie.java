package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers a visitor's last visit without an account: a cookie {@code pb_visit=PREVIOUS:CURRENT}
 * (epoch seconds). Papers listed after PREVIOUS are "new". A visit within {@link #SAME_VISIT} of the
 * last one is the same visit, so reloading a page does not wipe its "new" marks.
 */
final class VisitCookie {
  static final String NAME = "pb_visit";
  static final Duration SAME_VISIT = Duration.ofMinutes(30);
  private static final int ONE_YEAR = 365 * 24 * 3600;

  private VisitCookie() {}

  /** The start of what counts as new for this request (null on a first visit), and renews the cookie. */
  static Instant previousVisit(Context ctx, Clock clock) {
    long now = clock.instant().getEpochSecond();
    long previous = -1, current = -1;
    String value = ctx.cookie(NAME);
    if (value != null) {
      String[] parts = value.split(":");
      try {
        if (parts.length == 2) {
          previous = Long.parseLong(parts[0]);
          current = Long.parseLong(parts[1]);
        }
      } catch (NumberFormatException ignored) {
        // a mangled cookie counts as a first visit
      }
    }
    if (current >= 0 && now - current > SAME_VISIT.toSeconds()) previous = current;
    ctx.cookie(new Cookie(NAME, (previous < 0 ? now : previous) + ":" + now, "/", ONE_YEAR, false, true, null,
        SameSite.LAX));
    return previous < 0 ? null : Instant.ofEpochSecond(previous);
  }
}
