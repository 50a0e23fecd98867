package org.paperboy.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Background threads run at a lower priority than the rest of the process, as the kernel sees it. */
class ThreadNiceTest {
  private static final Path OWN_STAT = Path.of("/proc/thread-self/stat");

  @Test
  void aLoweredThreadRunsAtBackgroundNiceWhileTheOthersKeepTheirs() throws Exception {
    assumeTrue(Files.isReadable(OWN_STAT), "needs Linux's /proc");
    int before = niceOfThisThread();
    AtomicInteger lowered = new AtomicInteger(Integer.MIN_VALUE);
    Thread background = Thread.ofPlatform().start(() -> {
      if (ThreadNice.lower(ThreadNice.BACKGROUND)) lowered.set(niceOfThisThread());
    });
    background.join();
    assertThat(lowered.get()).as("the kernel's nice of the lowered thread").isEqualTo(ThreadNice.BACKGROUND);
    assertThat(niceOfThisThread()).as("the calling thread is untouched").isEqualTo(before);
  }

  /** Field 19 of /proc/thread-self/stat; the command name before it may hold spaces, so count after its ')'. */
  private static int niceOfThisThread() {
    try {
      String stat = Files.readString(OWN_STAT);
      String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(after[19 - 3]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
