package org.paperboy.search;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.paperboy.support.DiskFull;
import org.paperboy.support.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running process's index current: a round applies the store's changes (one indexed query
 * when nothing changed) every {@code every}, and at once when {@link #storeChanged()} says a paper was
 * written, so a change is searchable on every node of a cluster within a moment, with the poll as the
 * fallback. While papers lack vectors it logs the coverage once a minute.
 */
public final class IndexFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);

  private final SearchService search;
  private final Duration every;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closed;
  private long lastLog;
  /** Rounds failed in a row, and when the last of them was logged. */
  private int failures;
  private long lastFailureLog;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  IndexFollower(SearchService search, Duration every) {
    this.search = search;
    this.every = every;
    this.thread = Thread.ofPlatform().daemon().name("search-follow").start(this::run);
  }

  /** Papers were written (by any process): the next round starts now instead of at the next tick. */
  public void storeChanged() {
    wake.release();
  }

  private void run() {
    while (!closed) {
      round();
      try {
        if (failures == 0) {
          wake.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          waitOut(backoff());
        }
      } catch (InterruptedException e) {
        return;
      }
      wake.drainPermits(); // one round takes in every change told so far
    }
  }

  /**
   * After a failed round the next waits longer each time (up to a minute): a full disk or a store that
   * is down does not heal in a second, and every retry of the index reopens it from its last commit.
   * Writes to the store do not cut the wait short; closing does.
   */
  private Duration backoff() {
    Duration doubled = every.multipliedBy(1L << Math.min(failures - 1, 6));
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  private void waitOut(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!closed && System.nanoTime() < deadline) {
      wake.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
  }

  private void round() {
    try {
      search.catchUp();
      if (failures > 0) LOG.info("the search index is current again, after {} failed rounds", failures);
      failures = 0;
      VectorCoverage c = search.coverage();
      boolean moving = c.perSecond() > 0 || c.fullPerSecond() > 0;
      if ((c.withVector() < c.papers() || moving) && System.nanoTime() - lastLog > TimeUnit.MINUTES.toNanos(1)) {
        lastLog = System.nanoTime();
        LOG.info(c.line());
      }
    } catch (RuntimeException e) {
      // a failed round is retried later; the log says why in one line, then again at most once a
      // minute while it keeps failing. While the process stops, the embedding runtime shuts itself
      // down under a round in flight: nothing to report.
      if (closed) {
        LOG.debug("a round of keeping the search index current ended with the process", e);
        return;
      }
      failures++;
      String why = DiskFull.refusalFor(e).map(Throwable::getMessage).orElse(e.getMessage());
      if (failures == 1 || System.nanoTime() - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
        lastFailureLog = System.nanoTime();
        LOG.warn("keeping the search index current failed{}, retrying in {} s: {}",
            failures == 1 ? "" : " " + failures + " times in a row", Refusal.seconds(backoff()), why);
      }
      LOG.debug("the failure", e);
    }
  }

  /** Waits for a round in flight to end; no interrupt, since one in Lucene's file I/O closes the index's channels. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    wake.release();
    thread.join(TimeUnit.MINUTES.toMillis(1));
    if (thread.isAlive()) throw new IllegalStateException("the search follower did not stop within a minute");
  }
}
