package org.paperboy.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.search.VectorBackfill;
import org.paperboy.search.VectorTier;
import org.paperboy.support.GracefulStop;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {"Computes the missing paper vectors for semantic search: a quick one per paper (title and opening"
        + " sentence) first, then the full-text ones; then updates the index unless a running serve follows it.",
        "Stop it at any time (a stop finishes the running batch; kill -9 loses it): the same command continues.",
        "Several embed processes, on one machine or many against one PostgreSQL store, share the work.",
        "The model is PAPERBOY_EMBEDDING_MODEL (bge-small-en-v15-q by default, or all-minilm-l6-v2-q)."})
final class EmbedCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}, one per core).")
  int threads;

  @Option(names = "--tier", defaultValue = "all", description = "static, title, full or all (default: ${DEFAULT-VALUE}: each in turn).")
  String tier;

  @Option(names = "--batch", defaultValue = "" + VectorBackfill.BATCH, description = "Texts per model run (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lease", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long this worker's claim on a batch lasts; a killed worker's batches go to others after it"
          + " (default: ${DEFAULT-VALUE}).")
  int leaseSeconds;

  @Override
  public Integer call() {
    if (threads < 1) throw Refusal.badInput("--threads must be at least 1");
    if (leaseSeconds < 1) throw Refusal.badInput("--lease must be at least 1 second");
    List<VectorTier> tiers;
    try {
      tiers = tier.equalsIgnoreCase("all") ? List.of(VectorTier.values()) : List.of(VectorTier.parse(tier));
    } catch (Refusal e) {
      throw e.withMessage("--tier: " + e.getMessage());
    }
    // closed last: a stop lets the JVM exit only once the running batch is written and the model closed
    try (GracefulStop stop = GracefulStop.listen(Duration.ofMinutes(2)); Paperboy app = global.open()) {
      VectorBackfill backfill = app.vectorBackfill().withBatch(batch).withLease(Duration.ofSeconds(leaseSeconds));
      boolean stopped = false;
      for (VectorBackfill.Summary s : backfill.run(tiers, threads, Progress.onTerminal(), stop::requested)) {
        System.out.println(app.search().model().id() + " " + s);
        stopped |= s.stopped();
      }
      if (!stopped) updateIndex(app);
    }
    return 0;
  }

  /** The index is a running server's to keep while it runs; it follows the store on its own. */
  private static void updateIndex(Paperboy app) {
    try {
      app.search().catchUp();
    } catch (Refusal inUse) {
      System.out.println("the search index is in use by a running Paperboy, which picks the new vectors up itself");
    }
  }
}
