package org.paperboy.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code target/test-cpu-times-fork1.txt} (one file per Surefire test JVM, {@code fork2} for the
 * second): the CPU seconds each test class cost, its own threads and the child processes it started
 * and waited for (Linux counts those into the test JVM), beside its wall time. On a machine shared with
 * other builds wall time says little; CPU time says what a class costs. Registered for every run
 * through META-INF/services.
 */
public final class CpuTimePerClass implements TestExecutionListener {
  private static final Path OUT = Path.of("target", "test-cpu-times-fork" + System.getProperty("paperboy.test.fork", "1") + ".txt");
  /** Linux's clock ticks per second for /proc times (USER_HZ), 100 on every common build. */
  private static final double TICKS = 100.0;

  private record Start(long ticks, long nanos) {}

  private record Cost(String name, double cpu, double wall) {}

  private final Map<String, Start> started = new ConcurrentHashMap<>();
  private final List<Cost> costs = new ArrayList<>();

  @Override
  public void executionStarted(TestIdentifier id) {
    if (isClass(id)) started.put(id.getUniqueId(), new Start(ticks(), System.nanoTime()));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Start s = isClass(id) ? started.remove(id.getUniqueId()) : null;
    if (s == null || s.ticks < 0) return;
    String name = ((ClassSource) id.getSource().orElseThrow()).getClassName().replace("org.paperboy.", "");
    synchronized (costs) {
      costs.add(new Cost(name, (ticks() - s.ticks) / TICKS, (System.nanoTime() - s.nanos) / 1e9));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    List<Cost> sorted;
    synchronized (costs) {
      if (costs.isEmpty()) return;
      sorted = costs.stream().sorted((a, b) -> Double.compare(b.cpu, a.cpu)).toList();
    }
    StringBuilder b = new StringBuilder("# CPU s (this JVM + its child processes), wall s, class; most expensive first\n");
    double cpu = 0, wall = 0;
    for (Cost c : sorted) {
      b.append(String.format("%8.1f %8.1f  %s%n", c.cpu, c.wall, c.name));
      cpu += c.cpu;
      wall += c.wall;
    }
    b.append(String.format("%8.1f %8.1f  total%n", cpu, wall));
    try {
      Files.createDirectories(OUT.getParent());
      Files.writeString(OUT, b);
    } catch (IOException e) {
      // a missing report is not worth failing a run for
    }
  }

  private static boolean isClass(TestIdentifier id) {
    return id.getSource().filter(ClassSource.class::isInstance).isPresent();
  }

  /** utime + stime + cutime + cstime of this process, or -1 where /proc is not there. */
  private static long ticks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command name start at field 3 (state): utime is field 14, so index 11
      return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
