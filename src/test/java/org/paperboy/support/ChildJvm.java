package org.paperboy.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code paperboy} in a real child JVM, so a test can kill it with SIGKILL at a moment it
 * chooses and prove that nothing is lost or doubled afterwards. Every wait on a child is bounded: a
 * child that hangs is killed and the test fails saying so, instead of hanging the build.
 */
public final class ChildJvm {
  /** How long a command a test runs to its end may take on a loaded two-core machine. */
  public static final Duration RUN_LIMIT = Duration.ofMinutes(3);

  private ChildJvm() {}

  /** Starts {@code org.paperboy.cli.Main args…} with this JVM's classpath; output goes to {@code log}. */
  public static Process start(Path log, String... args) throws IOException {
    return start(log, Map.of(), args);
  }

  /** As {@link #start(Path, String...)}, with these environment variables set. */
  public static Process start(Path log, Map<String, String> environment, String... args) throws IOException {
    ProcessBuilder builder = builder(args).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  /** What the JDK prints first on every start with the vector module (the {@code paperboy} script takes it out). */
  public static final String JDK_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

  /** What a finished command printed and how it exited. */
  public record Result(int exit, String out, String err) {
    /** Stderr as a user of the {@code paperboy} script reads it: without the JDK's notice. */
    public String messages() {
      return err.replace(JDK_NOTICE, "");
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  /** Runs {@code paperboy args…} as a user would, in {@code workDir}, to its end (at most {@link #RUN_LIMIT}). */
  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return run(workDir, Map.of(), args);
  }

  /** As {@link #run(Path, String...)}, with these environment variables set. */
  public static Result run(Path workDir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt"), err = Files.createTempFile(workDir, "err", ".txt");
    try {
      ProcessBuilder builder = builder(args).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process p = builder.start();
      if (!p.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill9(p);
        throw new AssertionError("paperboy " + String.join(" ", args) + " did not finish within " + RUN_LIMIT
            + "\n--- stdout:\n" + Files.readString(out) + "--- stderr:\n" + Files.readString(err));
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * The exit code of a child started with {@link #start}, waiting at most {@code limit}; a child still
   * running then is killed and the test fails, quoting its log.
   */
  public static int exitCode(Process process, Duration limit, Path log) throws IOException, InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      kill9(process);
      throw new AssertionError("the child did not finish within " + limit + "; log:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
    return process.exitValue();
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
  /** Sends {@code signal} (STOP, CONT, …) to the child: a stopped child can be looked at, then killed, with nothing between. */
  public static void signal(Process process, String signal) throws java.io.IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
  }

  public static void kill9(Process process) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(1, TimeUnit.MINUTES)) throw new AssertionError("a child killed with SIGKILL is still there after a minute");
  }
}
