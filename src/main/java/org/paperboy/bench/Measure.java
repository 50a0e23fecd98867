package org.paperboy.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.paperboy.db.Database;

/** What every benchmark measures besides its own figure: time, heap, sizes, the load average, sampled queries; a clean slate between runs. */
final class Measure {
  private Measure() {}

  static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
    }
    return peak;
  }

  static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The middle value, or the mean of the two middle ones when the count is even. */
  static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  /** CPU time this process has used, all threads: on a shared machine a steadier figure than wall time. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The 1-minute load average: beside every figure, since the machine is shared. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static long heapAfterGc() {
    System.gc();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  static long sizeOf(Path path) throws IOException {
    if (!Files.exists(path)) return 0;
    if (Files.isRegularFile(path)) return Files.size(path);
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** Ids of papers drawn evenly over the whole store (reservoir sampling, seeded). */
  static List<String> paperIds(Database db, int count, long seed) {
    return sample(db, "SELECT id FROM papers", count, seed);
  }

  /**
   * Reproducible, varied queries: a run of one to six consecutive words from a random paper's title,
   * LaTeX dropped — what people half-remember of a title.
   */
  static List<String> titleQueries(Database db, int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (String title : sample(db, "SELECT title FROM papers", count, seed)) {
      String[] words = Arrays.stream(title.replaceAll("\\$[^$]*\\$", " ").split("[^\\p{L}\\p{N}-]+"))
          .filter(w -> !w.isBlank()).toArray(String[]::new);
      if (words.length == 0) continue;
      int length = 1 + random.nextInt(Math.min(6, words.length));
      int start = random.nextInt(words.length - length + 1);
      out.add(String.join(" ", Arrays.copyOfRange(words, start, start + length)).replaceAll("(^|\\s)-+", "$1"));
    }
    return out;
  }

  private static List<String> sample(Database db, String sql, int count, long seed) {
    Random random = new Random(seed);
    List<String> reservoir = new ArrayList<>(count);
    long[] seen = {0};
    db.jdbi().useHandle(h -> h.createQuery(sql).setFetchSize(10_000).mapTo(String.class).stream().forEach(v -> {
      long i = seen[0]++;
      if (reservoir.size() < count) reservoir.add(v);
      else {
        long j = (long) (random.nextDouble() * (i + 1));
        if (j < count) reservoir.set((int) j, v);
      }
    }));
    return reservoir;
  }
}
