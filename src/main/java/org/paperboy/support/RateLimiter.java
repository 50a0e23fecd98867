package org.paperboy.support;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * Token buckets per key ("signin-ip:1.2.3.4"): each key may spend {@code capacity} actions at once,
 * refilled evenly over {@code period}. On PostgreSQL the buckets live in the store, so every process
 * of a cluster spends from the same budget (one atomic upsert per action); on SQLite, where one server
 * runs, they live in memory. Old buckets are dropped as they refill.
 */
public final class RateLimiter {
  /** {@code capacity} actions per {@code period}. */
  public record Limit(int capacity, Duration period) {}

  private static final long FORGET_AFTER_MILLIS = Duration.ofHours(1).toMillis();

  private record Bucket(double tokens, long atMillis) {}

  private final Clock clock;
  private final Jdbi shared; // null: in memory
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong sinceSharedPrune = new AtomicLong();

  /** Buckets in this process's memory. */
  public RateLimiter(Clock clock) {
    this(clock, null);
  }

  private RateLimiter(Clock clock, Jdbi shared) {
    this.clock = clock;
    this.shared = shared;
  }

  /** Buckets shared through the store when it is PostgreSQL (several servers), else in memory. */
  public static RateLimiter forStore(Database database, Clock clock) {
    return new RateLimiter(clock, database.dialect() == Database.Dialect.POSTGRESQL ? database.jdbi() : null);
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
    return shared == null ? inMemory(key, limit, now, perMilli) : inStore(key, limit, now, perMilli);
  }

  private Optional<Duration> inMemory(String key, Limit limit, long now, double perMilli) {
    Duration[] wait = new Duration[1];
    buckets.compute(key, (k, b) -> {
      double tokens = b == null ? limit.capacity() : Math.min(limit.capacity(), b.tokens + (now - b.atMillis) * perMilli);
      if (tokens >= 1) return new Bucket(tokens - 1, now);
      wait[0] = waitFor(tokens, perMilli);
      return new Bucket(tokens, now);
    });
    if (buckets.size() > 100_000) buckets.entrySet().removeIf(e -> now - e.getValue().atMillis > FORGET_AFTER_MILLIS);
    return Optional.ofNullable(wait[0]);
  }

  /** The same arithmetic in one statement, so racing processes serialise on the row and never both spend the last token. */
  private Optional<Duration> inStore(String key, Limit limit, long now, double perMilli) {
    String refilled = "LEAST(:capacity, rate_buckets.tokens + GREATEST(0, :now - rate_buckets.at_millis) * :perMilli)";
    Bucket after = shared.withHandle(h -> h.createQuery(
            "INSERT INTO rate_buckets (bucket_key, tokens, at_millis, allowed) VALUES (:key, :capacity - 1, :now, TRUE)"
                + " ON CONFLICT (bucket_key) DO UPDATE SET"
                + " allowed = " + refilled + " >= 1,"
                + " tokens = CASE WHEN " + refilled + " >= 1 THEN " + refilled + " - 1 ELSE " + refilled + " END,"
                + " at_millis = GREATEST(rate_buckets.at_millis, :now)"
                + " RETURNING tokens, allowed")
        .bind("key", key).bind("capacity", (double) limit.capacity()).bind("now", now).bind("perMilli", perMilli)
        .map((rs, ctx) -> new Bucket(rs.getBoolean(2) ? Double.NaN : rs.getDouble(1), 0))
        .one());
    if (sinceSharedPrune.incrementAndGet() % 10_000 == 0) {
      shared.useHandle(h -> h.createUpdate("DELETE FROM rate_buckets WHERE at_millis < :cutoff")
          .bind("cutoff", now - FORGET_AFTER_MILLIS).execute());
    }
    return Double.isNaN(after.tokens) ? Optional.empty() : Optional.of(waitFor(after.tokens, perMilli));
  }

  private static Duration waitFor(double tokens, double perMilli) {
    return Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli));
  }
}
