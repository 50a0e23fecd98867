package org.paperboy.support;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key ("signin-ip:1.2.3.4"): each key may spend {@code capacity} actions at once,
 * refilled evenly over {@code period}. In memory, per process: a cluster behind a load balancer gets
 * one budget per process, which still bounds abuse. Old buckets are dropped as they refill.
 */
public final class RateLimiter {
  /** {@code capacity} actions per {@code period}. */
  public record Limit(int capacity, Duration period) {}

  private record Bucket(double tokens, long atMillis) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Spends one action for {@code key}, or refuses ({@link Refusal.Kind#TOO_MANY}) with
   * "{@code tooMany}; try again in …" and the wait as its retry-after.
   *
   * @param tooMany what the member did too much of, as they should read it ("too many votes")
   */
  public void acquire(String key, Limit limit, String tooMany) {
    tryAcquire(key, limit).ifPresent(wait -> {
      throw Refusal.tooMany(tooMany + "; try again in " + inWords(wait), wait);
    });
  }

  /** A wait as a person reads it, rounded up like Retry-After: "40 s", "12 min". */
  static String inWords(Duration wait) {
    long seconds = Refusal.seconds(wait);
    return seconds < 120 ? seconds + " s" : (seconds + 59) / 60 + " min";
  }

  /** Spends one action for {@code key}; empty when allowed, else how long until one is available. */
  private Optional<Duration> tryAcquire(String key, Limit limit) {
    long now = clock.millis();
    double perMilli = limit.capacity() / (double) limit.period().toMillis();
    Duration[] wait = new Duration[1];
    buckets.compute(key, (k, b) -> {
      double tokens = b == null ? limit.capacity() : Math.min(limit.capacity(), b.tokens + (now - b.atMillis) * perMilli);
      if (tokens >= 1) return new Bucket(tokens - 1, now);
      wait[0] = Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli));
      return new Bucket(tokens, now);
    });
    if (buckets.size() > 100_000) prune(now);
    return Optional.ofNullable(wait[0]);
  }

  private void prune(long now) {
    buckets.entrySet().removeIf(e -> now - e.getValue().atMillis > Duration.ofHours(1).toMillis());
  }
}
