package org.paperboy.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.Embedder;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorBackfill;
import org.paperboy.search.VectorTier;
import org.paperboy.support.GracefulStop;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedding pipeline ({@code embed}: backlog, claims, tokenizer, model, pooling, writes to the
 * store) against the floor ({@link PlainOnnxLoop}: the model alone) over the same papers, model,
 * threads, batch size and cut, in one process, alternating so both see the same machine.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embeds the same abstracts with the project's pipeline and with a plain ONNX Runtime loop (the floor),"
        + " same model, threads, batch and cut, in one run; prints papers/s, tokens/s and the ratio.")
public final class EmbedBench implements Callable<Integer> {
  @Option(names = "--file", defaultValue = "../shared/data/arxiv/cs-2025-2026.jsonl.gz",
      description = "arXiv snapshot to take the papers from.%nDefault: ${DEFAULT-VALUE}")
  Path file;

  @Option(names = "--papers", defaultValue = "1000", description = "How many papers, from the file's start (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--batch", defaultValue = "" + VectorBackfill.BATCH, description = "Texts per model run (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--tier", defaultValue = "full", description = "title or full: where texts are cut (default: ${DEFAULT-VALUE}).")
  String tier;

  @Option(names = "--cut", split = ",",
      description = "Cut texts at these many tokens instead of the tier's own, comma-separated: each is measured in every round.")
  List<Integer> cuts;

  @Option(names = "--rounds", defaultValue = "2", description = "Rounds of floor then pipeline (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--model", description = "bge-small-en-v15-q or all-minilm-l6-v2-q (default: the app's).")
  String modelName;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) throw Refusal.badInput("--file: cannot read " + file);
    if (count < 1 || threads < 1 || batch < 1 || rounds < 1) throw Refusal.badInput("--papers, --threads, --batch and --rounds must be at least 1");
    EmbeddingModel model = modelName == null ? EmbeddingModel.fromEnvironment() : EmbeddingModel.parse(modelName);
    VectorTier t;
    try {
      t = VectorTier.parse(tier);
    } catch (Refusal e) {
      throw e.withMessage("--tier: " + e.getMessage());
    }
    List<Integer> cutList = cuts == null || cuts.isEmpty() ? List.of(t.maxTokens(model)) : cuts;
    for (int c : cutList) {
      if (c < 2) throw Refusal.badInput("--cut: at least 2 tokens, not " + c);
    }
    // SIGTERM or Ctrl-C ends the step that runs (a batch through ONNX Runtime) before the JVM exits: its
    // shutdown hook freeing the native environment under a computing thread crashed the JVM
    try (GracefulStop stop = GracefulStop.listen(Duration.ofMinutes(2))) {
      return measure(model, t, cutList, stop);
    }
  }

  private int measure(EmbeddingModel model, VectorTier t, List<Integer> cutList, GracefulStop stop) throws Exception {
    Path dir = Files.createTempDirectory("paperboy-bench-embed-");
    try {
      Path head = dir.resolve("head.jsonl");
      writeHead(file, head, count);
      try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), null))) {
        app.snapshotImporter().importFile(head, false, false, r -> {});
        List<Paper> papers = app.papers().changedAfter(0, "", count).stream().map(PaperStore.StoredPaper::paper).toList();
        List<String> texts = papers.stream().map(EmbeddingStore::textOf).toList();
        int[] whole;
        try (Embedder counter = new Embedder(model, 1)) {
          whole = counter.tokenCounts(texts);
        }
        List<Side> sides = new ArrayList<>();
        for (int c : cutList) sides.add(Side.of(texts, whole, Math.min(c, model.maxTokens()), batch));
        System.out.printf("%,d papers from %s; model %s, %s tier, %d threads, batches of %d; %d cores, load average %s%n",
            papers.size(), file, model.id(), t.id(), threads, batch, Runtime.getRuntime().availableProcessors(), Measure.loadAverage());
        for (Side side : sides) {
          System.out.printf("  cut at %d tokens: %,d tokens after the cut, %,d with the floor's padding; %.1f %% of texts cut%n",
              side.cut, side.tokens, side.padded, 100.0 * side.cutTexts / papers.size());
        }
        // both warmed up alike, so neither pays for the JIT compiling its code in the measured rounds
        Side first = sides.getFirst();
        PlainOnnxLoop.run(model, first.batches.subList(0, Math.min(2 * threads, first.batches.size())), threads, first.cut);
        app.vectorBackfill(model).withBatch(batch).withCut(first.cut)
            .run(papers.subList(0, Math.min(2 * threads * batch, papers.size())), threads, false);
        Map<Integer, List<double[]>> perCut = new java.util.LinkedHashMap<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
          for (Side side : sides) {
            if (stop.requested()) {
              System.out.println("stopped before round " + r + ", cut " + side.cut);
              return GracefulStop.STOPPED;
            }
            long t0 = System.nanoTime(), c0 = Measure.processCpuNanos();
            PlainOnnxLoop.run(model, side.batches, threads, side.cut);
            double floor = (System.nanoTime() - t0) / 1e9, floorCpu = (Measure.processCpuNanos() - c0) / 1e9;
            app.database().jdbi().useHandle(h -> h.execute("DELETE FROM paper_embeddings"));
            long t1 = System.nanoTime(), c1 = Measure.processCpuNanos();
            VectorBackfill.Summary s = app.vectorBackfill(model).withBatch(batch).withCut(side.cut)
                .run(List.of(t), threads, false, stop::requested).getFirst();
            if (stop.requested()) {
              System.out.println("stopped during round " + r + ", cut " + side.cut + ": no figure for it");
              return GracefulStop.STOPPED;
            }
            double pipeline = (System.nanoTime() - t1) / 1e9, pipelineCpu = (Measure.processCpuNanos() - c1) / 1e9;
            if (s.embedded() != papers.size()) throw new IllegalStateException("the pipeline embedded " + s.embedded() + " papers");
            ratios.add(floor / pipeline);
            perCut.computeIfAbsent(side.cut, k -> new ArrayList<>()).add(new double[] {papers.size() / floor, papers.size() / pipeline});
            System.out.printf("round %d, cut %d: floor %7.1f papers/s %,8.0f tokens/s (%.1f CPU s) | pipeline %7.1f papers/s"
                    + " %,8.0f tokens/s (%.1f CPU s) | pipeline/floor %.3f, by CPU time %.3f | load %s%n",
                r, side.cut, papers.size() / floor, side.tokens / floor, floorCpu, papers.size() / pipeline, side.tokens / pipeline,
                pipelineCpu, floor / pipeline, floorCpu / pipelineCpu, Measure.loadAverage());
          }
        }
        System.out.printf("median pipeline/floor: %.3f over %d rounds%n",
            Measure.median(ratios.stream().mapToDouble(Double::doubleValue).toArray()), rounds);
        if (sides.size() > 1) {
          for (var e : perCut.entrySet()) {
            double p = Measure.median(e.getValue().stream().mapToDouble(x -> x[1]).toArray());
            System.out.printf("cut %d: pipeline median %.1f papers/s (75,000 papers in %.0f min at that rate)%n",
                e.getKey(), p, 75_000 / p / 60);
          }
        }
      }
    } finally {
      Measure.deleteTree(dir);
    }
    return 0;
  }

  /** One cut's texts in the floor's batches: every text sorted by its token count after the cut, at once. */
  private record Side(int cut, List<List<String>> batches, long tokens, long padded, int cutTexts) {
    static Side of(List<String> texts, int[] whole, int cut, int batch) {
      Integer[] order = new Integer[texts.size()];
      long tokens = 0;
      int cutTexts = 0;
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
        tokens += Math.min(cut, whole[i]);
        if (whole[i] > cut) cutTexts++;
      }
      java.util.Arrays.sort(order, Comparator.comparingInt(i -> Math.min(cut, whole[i])));
      List<List<String>> batches = new ArrayList<>();
      long padded = 0;
      for (int i = 0; i < order.length; i += batch) {
        List<String> b = new ArrayList<>();
        int longest = 0;
        for (int j = i; j < Math.min(order.length, i + batch); j++) {
          b.add(texts.get(order[j]));
          longest = Math.max(longest, Math.min(cut, whole[order[j]]));
        }
        batches.add(b);
        padded += (long) b.size() * longest;
      }
      return new Side(cut, batches, tokens, padded, cutTexts);
    }
  }

  private static void writeHead(Path from, Path to, int lines) throws java.io.IOException {
    try (var raw = new java.io.BufferedInputStream(Files.newInputStream(from))) {
      raw.mark(2);
      boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      var in = new BufferedReader(new InputStreamReader(gz ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8));
      List<String> head = new ArrayList<>(lines);
      String line;
      while (head.size() < lines && (line = in.readLine()) != null) head.add(line);
      Files.write(to, head);
    }
  }
}
