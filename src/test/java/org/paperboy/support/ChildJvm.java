package org.paperboy.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code paperboy} in a real child JVM, so a test can kill it with SIGKILL at a moment it
 * chooses and prove that nothing is lost or doubled afterwards.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code org.paperboy.cli.Main args…} with this JVM's classpath; output goes to {@code log}. */
  public static Process start(Path log, String... args) throws IOException {
    ProcessBuilder builder = builder(args).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  /** What a finished command printed and how it exited. */
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  /** Runs {@code paperboy args…} as a user would, in {@code workDir}, to its end (at most two minutes). */
  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt"), err = Files.createTempFile(workDir, "err", ".txt");
    try {
      ProcessBuilder builder = builder(args).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = builder.start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        kill9(p);
        throw new AssertionError("paperboy " + String.join(" ", args) + " did not finish within two minutes");
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The command line of a child {@code paperboy}, with the flags the {@code paperboy} script passes. */
  public static ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.paperboy.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("PAPERBOY_DB_URL");
    builder.environment().remove("PAPERBOY_DATA");
    builder.environment().remove("PAPERBOY_CONFIG");
    return builder;
  }

  /** Kills with SIGKILL (no shutdown hooks, no flushing) and waits until the process is gone. */
  public static void kill9(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
