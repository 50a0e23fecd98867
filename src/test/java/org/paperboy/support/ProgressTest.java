package org.paperboy.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
  private final AtomicLong done = new AtomicLong();
  private final List<String> lines = new ArrayList<>();

  private Progress progress(long total) {
    return new Progress("embed full", total, done::get, null, lines::add, now::get);
  }

  @Test
  void aResumedRunSaysAtOnceHowFarEarlierRunsGotAndTimesOnlyItsOwnWork() {
    done.set(400);
    try (Progress p = progress(1_000)) {
      assertThat(lines).as("the first line, before any work of this run").hasSize(1);
      assertThat(lines.getFirst()).contains("40.0%").doesNotContain("ETA");

      now.addAndGet(TimeUnit.SECONDS.toNanos(10));
      done.addAndGet(100);
      p.advance(100);
      // 100 papers in 10 s is 10/s; the 500 left take 50 s (the 400 done before do not speed it up)
      assertThat(lines).hasSize(2);
      assertThat(lines.get(1)).contains("50.0%").contains("100 records").contains("10/s").contains("ETA 0m50s");
    }
    assertThat(lines.getLast()).contains("50.0%").doesNotContain("ETA");
  }

  @Test
  void aFreshRunIsQuietUntilItHasSomethingToSayAndThenLogsEveryTenSeconds() {
    try (Progress p = progress(1_000)) {
      assertThat(lines).isEmpty();
      now.addAndGet(TimeUnit.SECONDS.toNanos(9));
      done.addAndGet(90);
      p.advance(90);
      assertThat(lines).as("less than 10 s in: nothing logged yet").isEmpty();
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      done.addAndGet(10);
      p.advance(10);
      assertThat(lines).singleElement().asString().contains("10.0%").contains("10/s").contains("ETA 1m30s");
    }
  }
}
