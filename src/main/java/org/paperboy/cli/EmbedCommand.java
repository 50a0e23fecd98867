package org.paperboy.cli;

import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.search.VectorBackfill;
import org.paperboy.support.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Computes the missing paper vectors for semantic search, then updates the index.",
        "Safe to stop at any time: a second run continues where the first stopped.",
        "The model is PAPERBOY_EMBEDDING_MODEL (bge-small-en-v15-q by default, or all-minilm-l6-v2-q)."})
final class EmbedCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}, one per core).")
  int threads;

  @Override
  public Integer call() {
    try (Paperboy app = global.open()) {
      VectorBackfill.Summary s = app.search().embedMissing(threads, Progress.onTerminal());
      System.out.println(app.search().model().id() + ": " + s);
    }
    return 0;
  }
}
