package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run-tests} stops the PostgreSQL it started, and only that one: a server that was already
 * running is left as it was. Runs the real script with a stand-in for Maven, on a free port and a
 * data directory of its own.
 */
class RunTestsScriptTest {
  private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

  @TempDir Path dir;
  Path pgDir;
  int port;

  @BeforeEach
  void freePortAndDirectory() throws IOException {
    assumeTrue(Files.isExecutable(PG_BIN.resolve("pg_ctl")), "PostgreSQL 15 is not installed");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // the postgres user must reach it when the tests run as root, so not under the private temp directory
    pgDir = Path.of(System.getProperty("java.io.tmpdir"), "paperboy-run-tests-" + UUID.randomUUID());
  }

  @AfterEach
  void stopAndRemove() throws Exception {
    if (pgDir == null) return;
    script(".ci/stop-postgres").waitFor(60, TimeUnit.SECONDS);
    if (Files.exists(pgDir)) {
      try (Stream<Path> tree = Files.walk(pgDir)) {
        tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aServerTheRunStartedIsStoppedWhenItEnds() throws Exception {
    assertThat(running()).as("nothing on port %d before", port).isFalse();
    Process run = script("./run-tests");
    assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.log"))).isZero();
    assertThat(Files.readString(dir.resolve("maven.log"))).as("the server was up while the tests ran").contains("accepting");
    assertThat(running()).as("the server run-tests started is stopped").isFalse();
  }

  @Test
  void aServerThatWasAlreadyRunningIsLeftRunning() throws Exception {
    Process start = script(".ci/start-postgres");
    assertThat(start.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(running()).isTrue();
    Process run = script("./run-tests");
    assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.log"))).isZero();
    assertThat(running()).as("someone else's server keeps running").isTrue();
  }

  private Process script(String path) throws IOException {
    Path maven = dir.resolve("fake-maven");
    Files.writeString(maven, "#!/usr/bin/env bash\n" + PG_BIN.resolve("pg_isready") + " -h 127.0.0.1 -p " + port
        + " > '" + dir.resolve("maven.log") + "'\n");
    Files.setPosixFilePermissions(maven, PosixFilePermissions.fromString("rwx------"));
    ProcessBuilder b = new ProcessBuilder(path).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("run.log").toFile()));
    b.environment().remove("PAPERBOY_TEST_PG_URL");
    b.environment().put("PG_PORT", Integer.toString(port));
    b.environment().put("PG_DIR", pgDir.toString());
    b.environment().put("RUN_TESTS_MAVEN", maven.toString());
    return b.start();
  }

  private boolean running() throws Exception {
    Process p = new ProcessBuilder(PG_BIN.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p", Integer.toString(port))
        .start();
    p.waitFor(30, TimeUnit.SECONDS);
    return p.exitValue() == 0;
  }
}
