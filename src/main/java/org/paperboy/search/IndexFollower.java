package org.paperboy.search;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
        wake.tryAcquire(every.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      wake.drainPermits(); // one round takes in every change told so far
    }
  }

  private void round() {
    try {
      search.catchUp();
      VectorCoverage c = search.coverage();
      boolean moving = c.perSecond() > 0 || c.fullPerSecond() > 0;
      if ((c.withVector() < c.papers() || moving) && System.nanoTime() - lastLog > TimeUnit.MINUTES.toNanos(1)) {
        lastLog = System.nanoTime();
        LOG.info(c.line());
      }
    } catch (RuntimeException e) {
      // a failed round is retried on the next one; the log says why in one line. While the process
      // stops, the embedding runtime shuts itself down under a round in flight: nothing to report.
      if (closed) {
        LOG.debug("a round of keeping the search index current ended with the process", e);
      } else {
        LOG.warn("keeping the search index current failed, retrying in {} s: {}", every.toSeconds(), e.getMessage());
        LOG.debug("the failure", e);
      }
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
