package org.paperboy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.support.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Imports the arXiv metadata snapshot (JSON lines, plain or .gz).",
        "Malformed lines are reported with their line number and skipped; re-running an interrupted"
            + " import finishes it without doubling anything."})
final class ImportCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Snapshot files to import, in order.")
  List<Path> files;

  @Option(names = "--strict", description = "Stop at the first malformed line (exit code 1).")
  boolean strict;

  @Override
  public Integer call() {
    for (Path file : files) {
      if (!Files.isReadable(file)) throw new UserError("cannot read " + file + ": no such file or not readable");
    }
    int exit = 0;
    try (Paperboy app = global.open()) {
      for (Path file : files) {
        SnapshotImporter.Summary s = app.snapshotImporter().importFile(file, strict, Progress.onTerminal(),
            rejection -> System.err.println("rejected " + rejection));
        System.out.println(file + ": " + s);
        if (s.rejected() > 0) exit = 3;
      }
    }
    return exit;
  }
}
