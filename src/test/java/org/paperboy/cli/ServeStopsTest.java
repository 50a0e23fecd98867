package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorBackfill;
import org.paperboy.support.ChildJvm;

/** {@code serve} in a process of its own: SIGTERM stops it within seconds, cleanly, and it listens on this machine only by default. */
class ServeStopsTest {
  private static final Pattern SERVING = Pattern.compile("serving on http://([0-9.]+):(\\d+)/");

  @TempDir Path dir;

  /** Until the process has used under a tenth of a CPU over two seconds: start-up work (index, schedule) is done. */
  private static void awaitIdle(Process p) {
    Duration[] last = {Duration.ZERO};
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      Duration now = p.info().totalCpuDuration().orElse(Duration.ZERO);
      boolean idle = now.minus(last[0]).toMillis() < 200;
      last[0] = now;
      return idle;
    });
  }

  @Test
  void sigtermStopsAnIdleServerWithinSecondsAndItListenedOnLoopbackOnly() throws Exception {
    Path data = dir.resolve("data");
    try (Paperboy app = Paperboy.open(new Config(data, null))) {
      app.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      // idle means nothing left to embed: the server's follower then has no round in flight to finish
      new VectorBackfill(app.papers(), new EmbeddingStore(app.database()), app.search().model()).run(2, false);
    }
    Path log = dir.resolve("serve.log");
    Process serve = ChildJvm.start(log, "serve", "--data", data.toString(), "--port", "0");
    try {
      Matcher[] serving = new Matcher[1];
      await().atMost(Duration.ofMinutes(2)).until(() -> {
        serving[0] = SERVING.matcher(Files.readString(log));
        return serving[0].find() || !serve.isAlive();
      });
      assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
      assertThat(serving[0].group(1)).as("the default address").isEqualTo("127.0.0.1");
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving[0].group(2) + "/papers/0704.0001"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
      }
      awaitIdle(serve);
      long start = System.nanoTime();
      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("milliseconds from SIGTERM to exit (idle; target 2,000, bound for a loaded machine)")
          .isLessThan(5_000);
      assertThat(Files.readString(log)).doesNotContain("Exception").doesNotContain("ERROR");
    } finally {
      ChildJvm.kill9(serve);
    }
  }
}
