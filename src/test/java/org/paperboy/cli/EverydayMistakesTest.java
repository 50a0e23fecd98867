package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.support.ChildJvm;

/**
 * The mistakes everybody makes once, made with the real command line: each is one line on stderr that
 * says what is wrong and what to do, and a non-zero exit; never a stack trace. The first runs in a
 * process of its own, so the exit code and stderr are what a shell sees; the rest run the same
 * {@code Main.run} in this JVM ({@link CliRun}), which costs a JVM start less each.
 */
class EverydayMistakesTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void aStore() {
    data = dir.resolve("data");
    try (Paperboy app = Paperboy.open(new Config(data, null))) {
      app.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
    }
  }

  @Test
  void servingOnAPortInUseSaysSoAndNamesTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      ChildJvm.Result r = ChildJvm.run(dir, "serve", "--data", data.toString(), "--port", Integer.toString(port));
      assertOneLine(r, "port " + port, "is in use", "--port");
    }
  }

  @Test
  void aSecondServeOnTheSameDataDirectoryIsRefusedAtStartInOneLine() throws Exception {
    Path shared = dir.resolve("served");
    try (Paperboy first = Paperboy.open(new Config(shared, null))) {
      first.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      first.search().open(); // what a running serve holds: the index's write lock
      ChildJvm.Result r = ChildJvm.run(dir, "serve", "--data", shared.toString(), "--port", "0");
      assertOneLine(r, "the search index " + shared.resolve("index"), "in use by another Paperboy process", "--data");
      assertThat(r.out()).as("it never said it was serving").doesNotContain("serving on");
    }
  }

  @Test
  void aPortOutOfRangeIsRefused() throws Exception {
    assertOneLine(CliRun.result("serve", "--data", data.toString(), "--port", "99999"), "--port", "99999");
  }

  @Test
  void aPostgresqlServerThatIsDownIsNamedWithoutItsPassword() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ChildJvm.Result r = CliRun.result("stats", "--data", data.toString(), "--db",
        "jdbc:postgresql://127.0.0.1:" + port + "/paperboy?user=pb&password=hunter2");
    assertOneLine(r, "cannot open the database jdbc:postgresql://127.0.0.1:" + port, "is PostgreSQL running");
    assertThat(r.err()).doesNotContain("hunter2");
  }

  @Test
  void aDatabaseUrlThatIsNotJdbcSaysWhatToWriteInstead() throws Exception {
    ChildJvm.Result r = CliRun.result("stats", "--data", data.toString(), "--db", "postgres://pb:hunter2@localhost/paperboy");
    assertOneLine(r, "not a database URL", "jdbc:postgresql://");
    assertThat(r.err()).doesNotContain("hunter2");
  }

  @Test
  void readingCommandsNeverCreateAStoreWhereThereIsNone() throws Exception {
    Path missing = dir.resolve("no-such-data");
    for (String[] command : new String[][] {{"stats"}, {"search", "quark", "--mode", "bm25"}, {"serve", "--port", "0"}}) {
      String[] args = new String[command.length + 2];
      System.arraycopy(command, 0, args, 0, command.length);
      args[command.length] = "--data";
      args[command.length + 1] = missing.toString();
      assertOneLine(CliRun.result(args), "the data directory " + missing + " does not exist", "import");
      assertThat(missing).as(command[0] + " created nothing").doesNotExist();
    }
  }

  @Test
  void aCommandThatBringsPapersInSaysWhereItCreatedTheStore() throws Exception {
    Path fresh = dir.resolve("fresh");
    ChildJvm.Result r = CliRun.result("import", TestData.path("arxiv/kaggle-head-200.jsonl").toAbsolutePath().toString(),
        "--data", fresh.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("created a new store: " + fresh.toAbsolutePath().resolve("paperboy.db"));
  }

  @Test
  void importingAJarStopsWithOneLineInsteadOfRejectingEveryLine() throws Exception {
    Path jar = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar.toString()).endsWith(".jar");
    ChildJvm.Result r = CliRun.result("import", jar.toString(), "--data", data.toString());
    assertOneLine(r, jar.toString(), "does not look like an arXiv snapshot or a daily-papers feed");
    assertThat(r.out()).as("no summary of an import that did not happen").isEmpty();
  }

  @Test
  void importingTheSciFactCorpusStopsWithOneLine() throws Exception {
    Path corpus = TestData.path("scifact/corpus.jsonl.gz").toAbsolutePath();
    ChildJvm.Result r = CliRun.result("import", corpus.toString(), "--data", data.toString());
    assertOneLine(r, corpus.toString(), "does not look like an arXiv snapshot or a daily-papers feed", "100 lines in a row");
  }

  @Test
  void fewerThanAHundredBadLinesInARowAreRejectedOneByOneAndTheRestImported() throws Exception {
    Path mixed = dir.resolve("mixed.jsonl");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 99; i++) text.append("{\"doc_id\": ").append(i).append("}\n");
    text.append(Files.readString(TestData.path("arxiv/kaggle-head-200.jsonl")));
    for (int i = 0; i < 99; i++) text.append("not json ").append(i).append('\n');
    Files.writeString(mixed, text);
    ChildJvm.Result r = CliRun.result("import", mixed.toString(), "--data", dir.resolve("mixed-data").toString());
    assertThat(r.exit()).as("rejected lines: exit 3 " + r).isEqualTo(3);
    assertThat(r.err().lines().filter(l -> l.startsWith("rejected ")).count()).isEqualTo(198);
    assertThat(r.out()).contains("read 398", "inserted 200", "rejected 198");
  }

  /** Exit 1 and exactly one line on stderr (besides the JDK's notice the script removes, and progress), containing each of {@code parts}. */
  static void assertOneLine(ChildJvm.Result r, String... parts) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    // a long command's progress line (an import's first second) is not a second message
    String err = r.messages().lines().filter(l -> !l.contains(" INFO  Progress - "))
        .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    assertThat(err.lines().toList()).as(r.toString()).hasSize(1);
    assertThat(err).as(r.toString()).startsWith("paperboy: ").contains(parts);
  }
}
