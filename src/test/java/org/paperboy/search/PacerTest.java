package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
  @Test
  void withoutVisitorsEveryWorkerRunsFlatOut() {
    Pacer pacer = new Pacer(() -> 0, 0.5);
    long t0 = System.nanoTime();
    assertThat(pacer.mayRun(1, () -> false)).isTrue();
    pacer.ran(0, Duration.ofSeconds(5).toNanos(), () -> false);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void whilePagesAreServedOnlyTheFirstWorkerRunsAndRestsAsLongAsItComputed() {
    AtomicLong pages = new AtomicLong();
    Pacer pacer = new Pacer(pages::get, 0.5);
    pacer.busy();
    pages.addAndGet(3);
    assertThat(pacer.busy()).isTrue();
    assertThat(pacer.mayRun(0, () -> false)).isTrue();
    long t0 = System.nanoTime();
    assertThat(pacer.mayRun(1, () -> false)).as("the second worker waits").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Pacer.QUIET.minusMillis(50));
    pages.incrementAndGet();
    long t1 = System.nanoTime();
    pacer.ran(0, Duration.ofMillis(300).toNanos(), () -> false);
    assertThat(Duration.ofNanos(System.nanoTime() - t1)).isBetween(Duration.ofMillis(280), Duration.ofMillis(2_000));
  }

  @Test
  void aStopEndsARestAtOnce() throws Exception {
    AtomicLong pages = new AtomicLong();
    Pacer pacer = new Pacer(pages::get, 0.1);
    pacer.busy();
    pages.incrementAndGet();
    boolean[] stop = {false};
    Thread resting = Thread.ofPlatform().start(() -> pacer.ran(0, Duration.ofSeconds(10).toNanos(), () -> stop[0]));
    // resting: parked on the pacer's condition, not merely started
    await().atMost(Duration.ofSeconds(30)).until(() -> resting.getState() == Thread.State.TIMED_WAITING);
    stop[0] = true;
    long t0 = System.nanoTime();
    pacer.wake();
    resting.join(5_000);
    assertThat(resting.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }
}
