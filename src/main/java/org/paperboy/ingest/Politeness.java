package org.paperboy.ingest;

import java.net.URI;
import java.time.Duration;
import org.paperboy.support.Refusal;

/**
 * How Paperboy treats arXiv's servers. arXiv asks every client for at most one request every 3
 * seconds over one connection; these are the knobs, and {@link #arxiv()} is the only setting used
 * against arXiv itself.
 *
 * @param minInterval the least time between the end of one request and the start of the next
 * @param maxAttempts how often one request is tried before the harvest gives up
 * @param firstBackoff the wait after the first failure without a Retry-After; it doubles each time
 * @param maxBackoff the longest backoff wait
 * @param maxRetryAfter a Retry-After longer than this is not waited out: the run stops and says so
 * @param requestTimeout how long one response may take
 * @param maxTurnWait how long a caller waits for its turn on the one connection (behind other callers and
 *     the gap after them) before it is told to come back later; null: as long as it takes
 */
public record Politeness(Duration minInterval, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
    Duration maxRetryAfter, Duration requestTimeout, Duration maxTurnWait) {
  public static final Duration ARXIV_MIN_INTERVAL = Duration.ofSeconds(3);

  public Politeness {
    if (minInterval.isNegative() || firstBackoff.isNegative()) throw new IllegalArgumentException("negative wait");
    if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
  }

  public static Politeness arxiv() {
    return new Politeness(ARXIV_MIN_INTERVAL, 6, Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(10),
        Duration.ofMinutes(3), null);
  }

  /**
   * For a visitor waiting on a page (a submission of a paper the store lacks): one attempt that may take
   * 10 s, and no queueing for more than 5 s behind other visitors' fetches: past that, "try again shortly".
   */
  public Politeness forVisitors() {
    return new Politeness(minInterval, 1, firstBackoff, maxBackoff, maxRetryAfter, Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  /** GitHub's REST API: serial requests a second apart (GitHub asks for no concurrency), a few retries. */
  public static Politeness github() {
    return new Politeness(Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10),
        Duration.ofSeconds(30), null);
  }

  /**
   * The same settings with a shorter gap between requests, which only a server on this machine (a
   * test's fake arXiv) may get: a real endpoint always gets at least 3 s.
   */
  public Politeness withMinInterval(Duration interval, URI endpoint) {
    if (interval.compareTo(ARXIV_MIN_INTERVAL) < 0 && !isLoopback(endpoint)) {
      throw Refusal.badInput("a request interval below " + ARXIV_MIN_INTERVAL.toSeconds()
          + " s is only allowed against a server on this machine, not " + endpoint.getHost());
    }
    return new Politeness(interval, maxAttempts, firstBackoff, maxBackoff, maxRetryAfter, requestTimeout, maxTurnWait);
  }

  /** Shorter backoff waits, for tests that script failures. */
  public Politeness withBackoff(Duration first, Duration max) {
    return new Politeness(minInterval, maxAttempts, first, max, maxRetryAfter, requestTimeout, maxTurnWait);
  }

  /** Shorter backoff waits from the command line: like a shorter gap, only against a server on this machine. */
  public Politeness withBackoff(Duration first, URI endpoint) {
    if (first.compareTo(firstBackoff) < 0 && !isLoopback(endpoint)) {
      throw Refusal.badInput("a retry backoff below " + say(firstBackoff) + " is only allowed against a server on this machine, not "
          + endpoint.getHost());
    }
    return withBackoff(first, first.multipliedBy(24));
  }

  /** A wait as a person reads it: "5 s", "0.25 s", "2 min". */
  static String say(Duration wait) {
    if (wait.toSeconds() >= 120 && wait.toSecondsPart() == 0) return wait.toMinutes() + " min";
    if (wait.toMillisPart() == 0) return wait.toSeconds() + " s";
    return java.math.BigDecimal.valueOf(wait.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  public Politeness withMaxAttempts(int attempts) {
    return new Politeness(minInterval, attempts, firstBackoff, maxBackoff, maxRetryAfter, requestTimeout, maxTurnWait);
  }

  Duration backoff(int failedAttempts) {
    Duration d = firstBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  private static boolean isLoopback(URI endpoint) {
    String host = endpoint.getHost();
    return host != null && (host.equals("localhost") || host.equals("::1") || host.equals("[::1]") || host.startsWith("127."));
  }
}
