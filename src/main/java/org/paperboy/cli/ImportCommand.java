package org.paperboy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.paperboy.Paperboy;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.search.PaperIndex;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyFeedImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Imports the arXiv metadata snapshot (JSON lines, plain or .gz), or a daily-papers feed"
            + " (normalised JSON lines or a raw day response of its API; recognised by content).",
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
      if (!Files.isReadable(file)) throw Refusal.badInput("cannot read " + file + ": no such file or not readable");
    }
    int exit = 0;
    try (Paperboy app = global.create()) {
      for (Path file : files) {
        // A daily-papers feed puts papers on days' lists; anything else is taken for an arXiv snapshot.
        if (app.dailyFeedImporter().isDailyFeed(file)) {
          DailyFeedImporter.Summary s = app.dailyFeedImporter().importFile(file,
              rejection -> System.err.println("rejected " + rejection));
          System.out.println(file + " (daily-papers feed): " + s);
          if (s.rejected() > 0) exit = 3;
          continue;
        }
        SnapshotImporter.Summary s = app.snapshotImporter().importFile(file, strict, Progress.onTerminal(),
            rejection -> System.err.println("rejected " + rejection));
        System.out.println(file + ": " + s);
        if (s.rejected() > 0) exit = 3;
      }
      app.codeLinks().catchUp(); // code links are extracted from what was just imported
      indexImported(app);
    }
    return exit;
  }

  /**
   * Brings the search index up to date before the command ends, so that a {@code serve} started next finds
   * every imported paper from its first second instead of building the index while people search.
   */
  private static void indexImported(Paperboy app) {
    long started = System.nanoTime();
    AtomicLong done = new AtomicLong();
    // a first import fills an empty index: its size is known; a later one indexes what changed
    long total = app.search().indexedPapersUnlessHeld() == 0 ? app.papers().count() : 0;
    Optional<PaperIndex.CatchUp> c;
    try (Progress progress = new Progress("index", total, done::get, Progress.onTerminal())) {
      c = app.search().catchUpUnlessHeld(n -> {
        done.addAndGet(n);
        progress.advance(n);
      });
    }
    System.out.println(c.map(r -> String.format("search index: %,d papers indexed in %.1f s", r.papers(),
            (System.nanoTime() - started) / 1e9))
        .orElse("search index: left to the serve running on this data directory (it follows the store)"));
  }
}
