package org.paperboy.mail;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the outbox holds, at most {@code sendsPerSecond}, retrying transient failures with
 * backoff. Runs as a background thread in {@code serve}, or once through with {@link #flush()}.
 */
public final class OutboxSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  private static final int MAX_BATCH = 50;

  private final Outbox outbox;
  private final MailTransport transport;
  private final MailSettings settings;
  private final Consumer<QueuedMail> onGivenUp;
  private final long minNanosBetweenSends;
  private long lastSendNanos;
  private volatile Thread worker;
  private volatile boolean stopping;

  /** @param onGivenUp told about each mail given up on (e.g. to suspend a bouncing subscription) */
  public OutboxSender(Outbox outbox, MailTransport transport, MailSettings settings, Consumer<QueuedMail> onGivenUp) {
    this.outbox = outbox;
    this.transport = transport;
    this.settings = settings;
    this.onGivenUp = onGivenUp;
    this.minNanosBetweenSends = (long) (TimeUnit.SECONDS.toNanos(1) / settings.sendsPerSecond());
  }

  /** Sends everything due now; returns how many mails were handed to the transport. */
  public int flush() {
    return flushAtMost(Integer.MAX_VALUE);
  }

  /** Sends what is due, stopping after {@code limit} mails (a benchmark's sample). */
  public synchronized int flushAtMost(int limit) {
    int sent = 0;
    List<QueuedMail> due;
    while (!stopping && sent < limit
        && !(due = outbox.claimDue((int) Math.min(batchSize(), limit - sent), settings.lease())).isEmpty()) {
      for (QueuedMail mail : due) {
        if (stopping) break;
        pace();
        try {
          transport.send(mail);
          outbox.markSent(mail.id());
          sent++;
        } catch (MailException e) {
          boolean gaveUp = outbox.markFailed(mail, e.getMessage(), e.permanent(), settings.maxAttempts(),
              settings.firstRetryDelay());
          LOG.warn("mail to {} failed ({}): {}", mail.mail().to(), gaveUp ? "given up" : "will retry", e.getMessage());
          if (gaveUp) onGivenUp.accept(mail);
        }
      }
    }
    return sent;
  }

  /** No more than can surely be sent within half the lease, so no claim runs out mid-batch. */
  private int batchSize() {
    long withinHalfLease = (long) (settings.sendsPerSecond() * settings.lease().toSeconds() / 2);
    return (int) Math.max(1, Math.min(MAX_BATCH, withinHalfLease));
  }

  private void pace() {
    long wait = lastSendNanos + minNanosBetweenSends - System.nanoTime();
    if (wait > 0) LockSupport.parkNanos(wait);
    lastSendNanos = System.nanoTime();
  }

  /** Starts delivering in the background, checking the outbox every {@code pollMillis} and on {@link #wake()}. */
  public void start(long pollMillis) {
    worker = Thread.ofVirtual().name("outbox-sender").start(() -> {
      while (!stopping) {
        try {
          flush();
        } catch (RuntimeException e) {
          LOG.error("outbox delivery failed; retrying in {} ms", pollMillis, e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
      }
    });
  }

  /** A mail was just queued: deliver it now rather than at the next poll. */
  public void wake() {
    Thread w = worker;
    if (w != null) LockSupport.unpark(w);
  }

  @Override
  public void close() {
    stopping = true;
    Thread w = worker;
    if (w != null) {
      LockSupport.unpark(w);
      try {
        w.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    transport.close();
  }
}
