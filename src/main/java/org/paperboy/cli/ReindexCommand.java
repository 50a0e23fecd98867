package org.paperboy.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.paperboy.Paperboy;
import org.paperboy.search.PaperIndex;
import org.paperboy.support.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = "Rebuilds the search index from the store (the index is derived: nothing is lost).")
final class ReindexCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    try (Paperboy app = global.open()) {
      long total = app.papers().count();
      AtomicLong done = new AtomicLong();
      long started = System.nanoTime();
      PaperIndex.CatchUp c;
      try (Progress progress = new Progress("reindex", total, done::get, Progress.onTerminal())) {
        c = app.search().reindex(n -> {
          done.addAndGet(n);
          progress.advance(n);
        });
      }
      System.out.printf("indexed %,d papers (%,d vectors added after) in %.1f s%n", c.papers(), c.vectors(),
          (System.nanoTime() - started) / 1e9);
    }
    return 0;
  }
}
