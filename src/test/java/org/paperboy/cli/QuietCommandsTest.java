package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.support.ChildJvm;

/** A normal command prints what the user asked for and nothing else: no JDK notice, no library chatter. */
class QuietCommandsTest {
  /** What the JDK prints first on every start with the vector module; the {@code paperboy} script takes it out. */
  static final String JDK_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

  @TempDir Path dir;

  @Test
  void searchingByMeaningPrintsResultsAndNothingOnStderr() throws Exception {
    Path data = dir.resolve("data");
    ChildJvm.Result imported = ChildJvm.run(dir, "import", TestData.path("arxiv/kaggle-head-200.jsonl").toAbsolutePath().toString(),
        "--data", data.toString());
    assertThat(imported.exit()).as(imported.toString()).isZero();
    // hybrid loads the embedding model (its tokenizer's native loader) and opens the Lucene index
    ChildJvm.Result search = ChildJvm.run(dir, "search", "diphoton production", "--data", data.toString());
    assertThat(search.exit()).as(search.toString()).isZero();
    assertThat(search.out()).contains("0704.0001");
    assertThat(search.err().replace(JDK_NOTICE, "")).as("stderr of a search").isEmpty();
  }

  @Test
  void theScriptTakesOutTheJdksNoticeAndPassesEverythingElse() throws Exception {
    Path home = dir.resolve("paperboy-home");
    Files.createDirectories(home.resolve("target"));
    Files.copy(Path.of("paperboy"), home.resolve("paperboy"));
    Files.createFile(home.resolve("target/paperboy.jar"));
    Path java = dir.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    // a stand-in JDK that says what the real one says first, then what a command would
    Files.writeString(java, """
        #!/usr/bin/env bash
        if [[ "$1" == -version ]]; then echo 'openjdk version "25.0.3" 2026-04-21 LTS' >&2; exit 0; fi
        echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2
        echo 'results'
        echo 'paperboy: --from: 2025-13-01 is not a date' >&2
        exit 1
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    ProcessBuilder b = new ProcessBuilder(home.resolve("paperboy").toString(), "search", "x");
    b.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    // stderr goes to a file, waited on: the script's sed may write the last line just after the
    // script's process ended, and the JDK keeps only what a pipe of an ended process already held
    Path errFile = dir.resolve("stderr.txt");
    b.redirectError(errFile.toFile());
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> Files.readString(errFile).endsWith("\n"));
    String err = Files.readString(errFile);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("the command's own exit code").isEqualTo(1);
    assertThat(out).isEqualTo("results\n");
    assertThat(err).isEqualTo("paperboy: --from: 2025-13-01 is not a date\n");
  }
}
