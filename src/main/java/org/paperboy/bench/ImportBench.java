package org.paperboy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports a snapshot into a fresh SQLite store; prints records/s, wall time and peak heap"
        + " next to the time to only read and parse the same file.")
final class ImportBench implements Callable<Integer> {
  @Option(names = "--file", defaultValue = "../shared/data/arxiv/cs-2025-2026.jsonl.gz",
      description = "Snapshot to import.%nDefault: ${DEFAULT-VALUE}")
  Path file;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "Import into this (empty) database instead of a fresh SQLite file.")
  String databaseUrl;

  @Option(names = "--runs", defaultValue = "3", description = "Measured runs of each (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) throw Refusal.badInput("cannot read " + file);
    System.out.printf("file %s (%,d bytes), %d runs, JVM %s, %d cores%n", file, Files.size(file), runs,
        Runtime.version(), Runtime.getRuntime().availableProcessors());
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createTempDirectory("paperboy-bench-");
      try {
        // the floor: read + gunzip + JSON parse + build papers, no store
        Measure.resetPeaks();
        long t0 = System.nanoTime();
        long parsed;
        try (Paperboy app = Paperboy.open(new Config(dir.resolve("floor"), null))) {
          parsed = app.snapshotImporter().parseOnly(file);
        }
        double floorSeconds = (System.nanoTime() - t0) / 1e9;

        Measure.resetPeaks();
        long t1 = System.nanoTime();
        SnapshotImporter.Summary s;
        try (Paperboy app = Paperboy.open(new Config(dir, databaseUrl))) {
          s = app.snapshotImporter().importFile(file, false, false, r -> {});
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf(
            "run %d: parse-only %,d records in %.2f s (%,.0f records/s) | import %,d records in %.2f s"
                + " (%,.0f records/s, %.2fx the floor), peak heap %,d MiB | %s%n",
            run, parsed, floorSeconds, parsed / floorSeconds, s.read(), seconds, s.read() / seconds,
            seconds / floorSeconds, Measure.peakHeapBytes() >> 20, s);
      } finally {
        Measure.deleteTree(dir);
      }
    }
    return 0;
  }
}
