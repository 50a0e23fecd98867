package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.ChildJvm;

/**
 * Real embedding processes, stopped the ways they are stopped in life: SIGTERM (a service manager,
 * Ctrl-C) of {@code embed}, {@code serve} and {@code eval} mid-batch, and kill -9 of one of two
 * {@code embed} workers sharing a store. The small MiniLM model keeps them quick, and so does a small
 * static token table (the model's first 2,000 ordinary tokens) put in each data directory beforehand:
 * the processes use it instead of building the whole one. The stops are timed by the model's vectors.
 */
class EmbeddingProcessesTest {
  private static final int PAPERS = 120;
  private static final String VECTORS = "SELECT COUNT(*) FROM paper_embeddings";
  /** Vectors of the tiers that run the model (the static tier's come all at once, before them). */
  private static final String MODEL_VECTORS = "SELECT COUNT(*) FROM paper_embeddings WHERE tier <> 'static'";
  private static final int TIERS = VectorTier.values().length;

  @TempDir static Path tables;
  static Path table;

  @org.junit.jupiter.api.BeforeAll
  static void buildASmallStaticTable() {
    table = StaticVectors.file(tables, EmbeddingModel.MINILM);
    StaticVectors.open(EmbeddingModel.MINILM, table, 2, 2_000).close();
  }
  /** How a JVM stopped by SIGTERM exits once its shutdown hooks are done (128 + 15). */
  private static final int STOPPED_BY_SIGTERM = 143;

  /** How long a child may take to reach the moment a test waits for: generous, since the machine may be shared. */
  private static final Duration PATIENCE = Duration.ofMinutes(6);

  @TempDir Path dir;
  private final List<Process> started = new java.util.ArrayList<>();

  /** A failed test must not leave its processes running (they would outlive the JVM and its temp dir). */
  @AfterEach
  void stopWhatIsStillRunning() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void embedStoppedMidBatchExitsCleanlyAndTheNextRunDoesTheRest() throws Exception {
    Path data = dir.resolve("data");
    String url = Database.defaultUrl(data);
    importPapers(url);
    Path log = dir.resolve("embed.log");
    Process embed = start(log, "embed", "--data", data.toString(), "--threads", "1", "--batch", "4");
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
        .until(() -> !embed.isAlive() || TestDatabases.count(url, MODEL_VECTORS) >= 4);
    assertThat(embed.isAlive()).as("embed should still be running; log:%n%s", read(log)).isTrue();

    embed.destroy(); // SIGTERM
    assertStoppedCleanly(embed, log);
    assertThat(read(log)).contains("stopped on request");
    long afterStop = TestDatabases.count(url, MODEL_VECTORS);
    assertThat(afterStop).isBetween(4L, (TIERS - 1L) * PAPERS - 1);

    ChildJvm.Result resumed = run("embed", "--data", data.toString());
    assertThat(resumed.exit()).as("%s", resumed).isZero();
    assertThat(resumed.out()).as("the second run says what the first did").containsPattern("[1-9][0-9,]* already had one");
    assertThat(resumed.out()).as("its progress starts where the first run stopped, not at 0.0%%")
        .containsPattern("embed (title|full) +(?!0\\.0%)[0-9]+\\.[0-9]% 0 records")
        .as("and ends with its rate").containsPattern("embed (title|full) +100\\.0% [0-9,]+ records [0-9,]+/s");
    assertEveryPaperHasOneVectorPerTier(url);
  }

  @StoreKinds
  void twoWorkersShareTheBacklogAndAKilledWorkersBatchGoesToTheOther(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind, dir.resolve("store"));
    importPapers(url);
    Path logA = dir.resolve("a.log"), logB = dir.resolve("b.log");
    List<String> common = List.of("embed", "--db", url, "--threads", "1", "--batch", "4", "--lease", "3");
    Process a = start(logA, Stream.concat(common.stream(), Stream.of("--data", dir.resolve("a").toString())).toArray(String[]::new));
    Process b = start(logB, Stream.concat(common.stream(), Stream.of("--data", dir.resolve("b").toString())).toArray(String[]::new));
    String claimsOfA = "SELECT COUNT(*) FROM embedding_claims WHERE worker LIKE '%:" + a.pid() + ":%'";
    // kill A while it holds a claimed batch it has not written yet, after both have written some. A is
    // frozen (SIGSTOP) before its claims are counted, so it cannot write the batch and end its claims
    // between the look and the kill, as it could on a loaded machine; with no claim, it runs on.
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
      if (!a.isAlive()) return true;
      if (TestDatabases.count(url, MODEL_VECTORS) < 12 || TestDatabases.count(url, claimsOfA) == 0) return false;
      ChildJvm.signal(a, "STOP");
      if (TestDatabases.count(url, claimsOfA) > 0) return true;
      ChildJvm.signal(a, "CONT");
      return false;
    });
    assertThat(a.isAlive()).as("worker A should still be running; log:%n%s", read(logA)).isTrue();
    ChildJvm.kill9(a);
    assertThat(TestDatabases.count(url, claimsOfA)).as("A died holding a batch").isPositive();

    assertThat(b.waitFor(PATIENCE.toMinutes(), TimeUnit.MINUTES)).as("worker B finishes; log:%n%s", read(logB)).isTrue();
    assertThat(b.exitValue()).as("worker B's exit code; log:%n%s", read(logB)).isZero();
    assertThat(TestDatabases.count(url, claimsOfA)).as("A's claims were taken over and ended").isZero();
    assertEveryPaperHasOneVectorPerTier(url);
  }

  @Test
  void serveStoppedWhileEmbeddingInTheBackgroundExitsCleanly() throws Exception {
    Path data = dir.resolve("data");
    String url = Database.defaultUrl(data);
    importPapers(url);
    Path log = dir.resolve("serve.log");
    Process serve = start(log, "serve", "--data", data.toString(), "--port", "0", "--host", "127.0.0.1", "--embed-threads", "1");
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
        .until(() -> !serve.isAlive() || TestDatabases.count(url, MODEL_VECTORS) >= 16);
    assertThat(serve.isAlive()).as("serve should be running; log:%n%s", read(log)).isTrue();
    serve.destroy();
    assertStoppedCleanly(serve, log);
  }

  @Test
  void evalStoppedWhileEmbeddingExitsCleanly() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("eval.log");
    Process eval = start(log, "eval", "--data", data.toString(), "--mode", "semantic", "--tier", "title", "--threads", "1",
        "--corpus", TestData.path("scifact/corpus.jsonl.gz").toAbsolutePath().toString(),
        "--queries", TestData.path("scifact/queries-train.jsonl").toAbsolutePath().toString(),
        "--qrels", TestData.path("scifact/qrels-train.tsv").toAbsolutePath().toString());
    String cache = "jdbc:sqlite:" + data.resolve("cache/eval-vectors-cut" + VectorTier.TITLE.maxTokens(EmbeddingModel.MINILM) + ".db");
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
        .until(() -> !eval.isAlive() || TestDatabases.count(cache, VECTORS) >= 32);
    assertThat(eval.isAlive()).as("eval should still be embedding; log:%n%s", read(log)).isTrue();
    eval.destroy();
    assertStoppedCleanly(eval, log);
  }

  @Test
  void benchEmbedStoppedWhileMeasuringExitsCleanly() throws Exception {
    Path log = dir.resolve("bench.log");
    Process bench = start(log, "bench", "embed", "--papers", "64", "--threads", "1", "--batch", "8", "--rounds", "20",
        "--file", TestData.path("arxiv/kaggle-head-200.jsonl").toAbsolutePath().toString());
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
        .until(() -> !bench.isAlive() || read(log).contains("round 1,"));
    assertThat(bench.isAlive()).as("bench should still be measuring; log:%n%s", read(log)).isTrue();
    bench.destroy();
    assertStoppedCleanly(bench, log);
    assertThat(read(log)).as("says which figure the stop cost").containsPattern("stopped (before|during) round \\d+, cut \\d+");
  }

  private void importPapers(String url) throws IOException {
    Path head = dir.resolve("head.jsonl");
    Files.write(head, Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, PAPERS));
    try (Database db = Database.open(url)) {
      new SnapshotImporter(new PaperStore(db)).importFile(head, true, false, r -> {});
    }
  }

  private Process start(Path log, String... args) throws IOException {
    List<String> given = List.of(args);
    int data = given.indexOf("--data");
    if (data >= 0) {
      Path copy = StaticVectors.file(Path.of(given.get(data + 1)), EmbeddingModel.MINILM);
      if (!Files.exists(copy)) Files.copy(table, org.paperboy.support.PrivateFiles.directory(copy.getParent()).resolve(copy.getFileName()));
    }
    ProcessBuilder builder = ChildJvm.builder(args).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("PAPERBOY_EMBEDDING_MODEL", EmbeddingModel.MINILM.id());
    Process p = builder.start();
    started.add(p);
    return p;
  }

  private ChildJvm.Result run(String... args) throws Exception {
    Path log = dir.resolve("run.log");
    Process p = start(log, args);
    assertThat(p.waitFor(PATIENCE.toMinutes(), TimeUnit.MINUTES)).as("paperboy %s finishes", String.join(" ", args)).isTrue();
    return new ChildJvm.Result(p.exitValue(), read(log), "");
  }

  /** Exit code 143, no JVM crash report anywhere it could be written. */
  private void assertStoppedCleanly(Process p, Path log) throws Exception {
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("stops within the patience given to the running batch").isTrue();
    String crash = "hs_err_pid" + p.pid() + ".log";
    assertThat(dir.resolve(crash)).as("JVM crash report; log:%n%s", read(log)).doesNotExist();
    assertThat(Path.of(System.getProperty("java.io.tmpdir"), crash)).doesNotExist();
    assertThat(p.exitValue()).as("exit code; log:%n%s", read(log)).isEqualTo(STOPPED_BY_SIGTERM);
    assertThat(read(log)).doesNotContain("SIGSEGV").doesNotContain("Exception in thread");
  }

  private static void assertEveryPaperHasOneVectorPerTier(String url) {
    for (VectorTier tier : VectorTier.values()) {
      assertThat(TestDatabases.count(url, "SELECT COUNT(DISTINCT paper_id) FROM paper_embeddings WHERE tier = '" + tier.id() + "'"))
          .as("papers with a %s vector", tier.id()).isEqualTo(PAPERS);
    }
    assertThat(TestDatabases.count(url, VECTORS)).isEqualTo((long) TIERS * PAPERS);
    assertThat(TestDatabases.count(url, "SELECT value FROM embedding_write_order WHERE name = 'vectors'"))
        .as("vectors ever written: no paper was embedded (and written) twice").isEqualTo((long) TIERS * PAPERS);
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
