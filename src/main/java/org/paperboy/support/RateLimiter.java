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

  /** Spends one action for {@code key}; empty when allowed, else how long until one is available. */
  public Optional<Duration> tryAcquire(String key, Limit limit) {
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
