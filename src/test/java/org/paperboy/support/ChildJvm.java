package org.paperboy.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code paperboy} in a real child JVM, so a test can kill it with SIGKILL at a moment it
 * chooses and prove that nothing is lost or doubled afterwards.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** Starts {@code org.paperboy.cli.Main args…} with this JVM's classpath; output goes to {@code log}. */
  public static Process start(Path log, String... args) throws IOException {
    return start(log, java.util.Map.of(), args);
  }

  /** As {@link #start(Path, String...)}, with these environment variables set. */
  public static Process start(Path log, java.util.Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.paperboy.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("PAPERBOY_DB_URL");
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Kills with SIGKILL (no shutdown hooks, no flushing) and waits until the process is gone. */
  public static void kill9(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
