package org.paperboy.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Lets a long-running command finish the step it is in when the process is asked to stop (SIGTERM,
 * Ctrl-C), and only then exit, with 143 (128 + SIGTERM) as a shell reports a stop.
 *
 * <p>It takes the signals itself instead of waiting in a shutdown hook: the JVM runs all shutdown
 * hooks at once, and ONNX Runtime registers one that frees its native environment, which crashed
 * the JVM (SIGSEGV or SIGBUS in libonnxruntime, an hs_err_pid*.log) under a thread still computing
 * a batch. Here a signal only raises the flag; the command checks it between steps, closes what it
 * opened and closes this object last, which exits the JVM, so the hooks run when nothing computes.
 * A command that does not finish within {@code patience} is exited anyway.
 */
public final class GracefulStop implements AutoCloseable {
  /** How a stopped command exits: what a shell reports for a process ended by SIGTERM. */
  public static final int STOPPED = 128 + 15;
  private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Duration patience;
  private final List<Runnable> restore = new ArrayList<>();

  private GracefulStop(Duration patience) {
    this.patience = patience;
    SignalHandler onStop = signal -> request();
    for (String name : SIGNALS) {
      try {
        Signal signal = new Signal(name);
        SignalHandler before = Signal.handle(signal, onStop);
        restore.add(() -> Signal.handle(signal, before));
      } catch (IllegalArgumentException ignoredOrTaken) {
        // ignored for this process (nohup) or kept by the JVM (-Xrs): nothing to take over
      }
    }
  }

  /** Starts listening for a stop; {@code patience} bounds how long a stop waits for the running step. */
  public static GracefulStop listen(Duration patience) {
    return new GracefulStop(patience);
  }

  private void request() {
    if (requested.getCount() == 0) return;
    requested.countDown();
    Thread.ofPlatform().daemon().name("graceful-stop").start(() -> {
      try {
        if (!finished.await(patience.toMillis(), TimeUnit.MILLISECONDS)) System.exit(STOPPED);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Whether a stop was asked for: check between steps. */
  public boolean requested() {
    return requested.getCount() == 0;
  }

  /** Blocks until a stop is asked for (a server's main thread). */
  public void awaitRequest() throws InterruptedException {
    requested.await();
  }

  /**
   * Everything is closed: after a stop, the JVM exits now, with {@link #STOPPED}; without one, the
   * signals go back to the JVM's own handling.
   */
  @Override
  public void close() {
    finished.countDown();
    if (requested()) System.exit(STOPPED);
    restore.forEach(Runnable::run);
  }
}
