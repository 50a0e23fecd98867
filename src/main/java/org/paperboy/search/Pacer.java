package org.paperboy.search;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.paperboy.support.Refusal;

/**
 * Keeps background embedding to a share of the CPU while people are using the site. Without visitors
 * every worker runs flat out; once pages were served in the last {@link #QUIET} the workers but the
 * first wait, and the first rests after each batch so that it computes only {@code busyShare} of its
 * time: with two workers on two cores and a share of 0.5, embedding takes at most a quarter of the
 * machine while pages are served, and pages keep well over half their idle speed (measured: README).
 */
public final class Pacer {
  /** No pacing: a command run on purpose (`embed`) takes the whole machine. */
  public static final Pacer NONE = new Pacer(() -> 0, 1.0);

  /** How long after the last page the site counts as busy. */
  static final Duration QUIET = Duration.ofSeconds(2);

  private final LongSupplier pagesServed;
  private final double busyShare;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private long lastCount = Long.MIN_VALUE;
  private long lastChange;

  /**
   * @param pagesServed a counter of requests the web server has answered
   * @param busyShare the share of its time the first worker may compute while pages are served, (0, 1]
   */
  public Pacer(LongSupplier pagesServed, double busyShare) {
    if (!(busyShare > 0 && busyShare <= 1)) throw Refusal.badInput("the embedding share must be in (0, 1]");
    this.pagesServed = pagesServed;
    this.busyShare = busyShare;
  }

  /** Whether pages were served within the last {@link #QUIET}. */
  public boolean busy() {
    long now = System.nanoTime();
    long count = pagesServed.getAsLong();
    synchronized (this) {
      if (count != lastCount) {
        if (lastCount != Long.MIN_VALUE) lastChange = now;
        lastCount = count;
      }
      return lastChange != 0 && now - lastChange < QUIET.toNanos();
    }
  }

  /** True when worker {@code index} may start a batch now; otherwise waits a moment first and returns false. */
  boolean mayRun(int index, BooleanSupplier stop) {
    if (index == 0 || !busy()) return true;
    rest(QUIET, stop);
    return false;
  }

  /** After worker {@code index} computed for {@code nanos}: rests so that it keeps to its share while busy. */
  void ran(int index, long nanos, BooleanSupplier stop) {
    if (busyShare >= 1 || !busy()) return;
    rest(Duration.ofNanos((long) (nanos * (1 / busyShare - 1))), stop);
  }

  /** Waits up to {@code d}, or until {@link #wake} (a stop). */
  void rest(Duration d, BooleanSupplier stop) {
    lock.lock();
    try {
      if (!stop.getAsBoolean()) woken.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Ends every rest at once, so a stop does not wait for one. */
  void wake() {
    lock.lock();
    try {
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
