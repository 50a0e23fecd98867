package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.support.ChildJvm;

/**
 * {@code harvest} pointed at the wrong thing, with the real command line and a real socket: every retry
 * is one line that says which attempt, what went wrong and how long it waits; an answer that can never
 * be right (a web page, a 404, text that is not JSON) ends the run at once in one line naming the URL,
 * with a non-zero exit. The retries run in a process of its own (what a shell sees); the refusals run
 * the same {@code Main.run} in this JVM ({@link CliRun}).
 */
class HarvestMistakesTest {
  static final String HTML = "<!DOCTYPE html><html><head><title>Welcome</title></head><body>nginx</body></html>";

  @TempDir Path dir;

  @Test
  void aRefusedConnectionIsRetriedOneLinePerAttemptThenGivenUp() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ChildJvm.Result r = ChildJvm.run(dir, "harvest", "--data", dir.resolve("data").toString(),
        "--endpoint", "http://127.0.0.1:" + port + "/oai", "--request-interval", "PT0.01S", "--retry-backoff", "PT0.05S");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    List<String> retries = lines(r).stream().filter(l -> l.contains(" WARN ") && l.contains("attempt ")).toList();
    assertThat(retries).as(r.toString()).hasSize(5);
    for (int n = 1; n <= 5; n++) {
      assertThat(retries.get(n - 1)).as(r.toString())
          .contains("attempt " + n + " of 6 failed: connection refused", "trying again in " + (n == 1 ? "0.05 s" : ""));
    }
    assertThat(retries.getFirst()).endsWith("trying again in 0.05 s");
    assertThat(lastLine(r)).startsWith("paperboy: gave up on http://127.0.0.1:" + port + "/oai").contains("after 6 attempts",
        "connection refused");
    assertThat(r.err()).doesNotContain("\tat ", "Exception:");
  }

  @Test
  void aWebPageInsteadOfOaiPmhEndsTheRunInOneLine() throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> FakeArxiv.Reply.status(200, HTML).header("Content-Type", "text/html"))) {
      ChildJvm.Result r = CliRun.result("harvest", "--data", dir.resolve("data").toString(),
          "--endpoint", server.oai().toString(), "--request-interval", "PT0.01S", "--retry-backoff", "PT0.05S");
      assertOneRefusal(r, server.oai().toString(), "web page", "--endpoint");
      assertThat(server.hits()).as("a web page is not asked for again").hasSize(1);
    }
  }

  @Test
  void aDailyPapersApiThatAnswers404FailsWithTheUrl() throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> FakeArxiv.Reply.status(404, "{\"error\":\"Not Found\"}")
        .header("Content-Type", "application/json"))) {
      String api = server.api().toString().replace("/api/query", "/api/daily-papers");
      ChildJvm.Result r = CliRun.result("harvest", "--source", "daily-papers", "--date", "2024-05-27",
          "--data", dir.resolve("data").toString(), "--endpoint", api, "--request-interval", "PT0.01S");
      assertOneRefusal(r, api + "?date=2024-05-27", "404");
      assertThat(r.out()).as("nothing reported as harvested").isEmpty();
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsOneLineNotAParserMessageSixTimes() throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> FakeArxiv.Reply.status(200, "Service moved; see the new address")
        .header("Content-Type", "text/plain"))) {
      String api = server.api().toString().replace("/api/query", "/api/daily_papers");
      ChildJvm.Result r = CliRun.result("harvest", "--source", "daily-papers", "--date", "2024-05-27",
          "--data", dir.resolve("data").toString(), "--endpoint", api, "--request-interval", "PT0.01S",
          "--retry-backoff", "PT0.05S");
      assertOneRefusal(r, api, "not JSON", "Service moved");
      assertThat(r.err()).doesNotContain("Source:", "Unrecognized token", "line: 1");
      assertThat(server.hits()).hasSize(1);
    }
  }

  /** Exit 1, no retry lines, and the refusal as the one line that is not the new store's notice or progress. */
  static void assertOneRefusal(ChildJvm.Result r, String... parts) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    List<String> said = lines(r).stream().filter(l -> !l.contains(" INFO ")).toList();
    assertThat(said).as(r.toString()).hasSize(1);
    assertThat(said.getFirst()).as(r.toString()).startsWith("paperboy: ").contains(parts);
  }

  /** stderr without the JDK's notice and the line saying where a new store was created. */
  static List<String> lines(ChildJvm.Result r) {
    return r.messages().lines()
        .filter(l -> !l.startsWith("paperboy: created a new store")).toList();
  }

  static String lastLine(ChildJvm.Result r) {
    return lines(r).getLast();
  }
}
