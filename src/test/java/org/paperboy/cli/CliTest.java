package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.search.SearchMode;

/** The command line as a user meets it: exit codes, messages on stderr, output on stdout. */
class CliTest {
  @TempDir Path dir;

  @Test
  void importThenStatsCountsWhatWasImported() {
    String data = dir.resolve("data").toString();
    CliRun imported = CliRun.of("import", TestData.path("arxiv/kaggle-head-200.jsonl").toString(), "--data", data);
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("read 200, inserted 200, updated 0, unchanged 0, rejected 0");
    CliRun stats = CliRun.of("stats", "--json", "--data", data);
    assertThat(stats.exit()).isZero();
    assertThat(stats.out()).contains("\"papers\" : 200");
  }

  @Test
  void importLeavesTheSearchIndexReadySoServeFindsEveryPaperFromItsFirstSecond() {
    Path data = dir.resolve("data");
    CliRun imported = CliRun.of("import", TestData.path("arxiv/kaggle-head-200.jsonl").toString(), "--data", data.toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("search index: 200 papers indexed");
    try (Paperboy app = Paperboy.open(new Config(data, null))) {
      // nothing caught the index up since: what serve would open is what import left
      assertThat(app.search().indexedPapersUnlessHeld()).isEqualTo(200);
      assertThat(app.search().rankIds("diphoton production", SearchMode.BM25, 5)).contains("0704.0001");
    }
  }

  @Test
  void importWhileAServeHoldsTheIndexImportsAndLeavesTheIndexToIt() {
    Path data = dir.resolve("data");
    assertThat(CliRun.of("import", TestData.path("arxiv/kaggle-head-200.jsonl").toString(), "--data", data.toString()).exit()).isZero();
    try (Paperboy running = Paperboy.open(new Config(data, null))) {
      running.search().open(); // what a running serve holds
      CliRun again = CliRun.of("import", TestData.path("arxiv/kaggle-head-200.jsonl").toString(), "--data", data.toString());
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).contains("unchanged 200", "search index: left to the serve running on this data directory");
    }
  }

  @Test
  void malformedLinesAreNamedOnStderrAndTheExitCodeSaysSo() throws Exception {
    Path bad = Files.write(dir.resolve("bad.jsonl"),
        List.of(Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).getFirst(), "{\"id\": 5}"));
    CliRun lenient = CliRun.of("import", bad.toString(), "--data", dir.resolve("a").toString());
    assertThat(lenient.exit()).isEqualTo(3);
    assertThat(lenient.err()).contains("bad.jsonl:2: field 'id' is not a string");
    assertThat(lenient.out()).contains("inserted 1").contains("rejected 1");

    CliRun strict = CliRun.of("import", "--strict", bad.toString(), "--data", dir.resolve("b").toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(strict.err()).contains("paperboy: stopped at the first malformed line (--strict)").doesNotContain("Exception");
  }

  @Test
  void aMissingFileIsAClearErrorNotAStackTrace() {
    CliRun r = CliRun.of("import", dir.resolve("nope.jsonl").toString(), "--data", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read").contains("nope.jsonl").doesNotContain("at org.");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("import", "harvest", "fetch", "stats", "bench")) {
      CliRun r = CliRun.of(command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Usage: paperboy " + command);
    }
  }

  @Test
  void benchEmbedRefusesACutTooShortToHoldAToken() {
    CliRun r = CliRun.of("bench", "embed", "--cut", "128,1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--cut").doesNotContain("at org.");
  }

  @Test
  void evalRecommendNamesEveryTryFieldWhenGivenTooMany() throws Exception {
    Path set = Files.createDirectories(dir.resolve("recommend"));
    Files.write(set.resolve("corpus.jsonl.gz"), new byte[0]);
    Files.write(set.resolve("users.jsonl"), new byte[0]);
    CliRun r = CliRun.of("eval", "recommend", "--dir", set.toString(), "--data", dir.resolve("data").toString(),
        "--try", "1,0.5,1,1,true,2,0.4,true,1,0.1,7");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--try: expected").contains("meaning-power[,phrases]").doesNotContain("at org.");
  }
}
