package org.paperboy.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** When a job is due: the first time strictly after a given instant, and how to say it to a person. */
public interface Cadence {
  Instant nextAfter(Instant instant);

  String describe();

  static Cadence every(Duration interval) {
    if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
    return of(i -> i.plus(interval), "every " + human(interval));
  }

  static Cadence of(UnaryOperator<Instant> nextAfter, String description) {
    return new Cadence() {
      @Override
      public Instant nextAfter(Instant instant) {
        return nextAfter.apply(instant);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  private static String human(Duration d) {
    if (d.toSeconds() % 3600 == 0) return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
    if (d.toSeconds() % 60 == 0) return d.toMinutes() == 1 ? "minute" : d.toMinutes() + " minutes";
    return d.toSeconds() + " s";
  }
}
