package org.paperboy.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command finish the step it is in when the process is asked to stop (SIGTERM,
 * Ctrl-C). The JVM runs its shutdown hooks and then exits even while other threads are still inside
 * native code; a thread still computing in ONNX Runtime then crashes the JVM as the library is torn
 * down (SIGSEGV, an hs_err_pid*.log). So the hook only raises the flag and waits, up to
 * {@code patience}, for the command to close this object, which it does last, once everything it
 * opened is closed. The process then exits with 143 (128 + SIGTERM), as a shell reports a stop.
 */
public final class GracefulStop implements AutoCloseable {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private GracefulStop(Duration patience) {
    hook = new Thread(() -> {
      requested.countDown();
      try {
        finished.await(patience.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "graceful-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts listening for a stop; {@code patience} bounds how long a stop waits for the running step. */
  public static GracefulStop listen(Duration patience) {
    return new GracefulStop(patience);
  }

  /** Whether a stop was asked for: check between steps. */
  public boolean requested() {
    return requested.getCount() == 0;
  }

  /** Blocks until a stop is asked for (a server's main thread). */
  public void awaitRequest() throws InterruptedException {
    requested.await();
  }

  /** Everything is closed: a stop may now let the JVM exit. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it returns now that finished is counted down
    }
  }
}
