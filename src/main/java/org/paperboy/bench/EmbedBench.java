package org.paperboy.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    int cut = t.maxTokens(model);
    Path dir = Files.createTempDirectory("paperboy-bench-embed-");
    try {
      Path head = dir.resolve("head.jsonl");
      writeHead(file, head, count);
      try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), null))) {
        app.snapshotImporter().importFile(head, false, false, r -> {});
        List<Paper> papers = app.papers().changedAfter(0, "", count).stream().map(PaperStore.StoredPaper::paper).toList();
        List<String> texts = new ArrayList<>(papers.stream().map(EmbeddingStore::textOf).toList());
        Map<String, Integer> counts = new HashMap<>();
        try (Embedder counter = new Embedder(model, 1, cut)) {
          int[] c = counter.tokenCounts(texts);
          for (int i = 0; i < c.length; i++) counts.put(texts.get(i), c[i]);
        }
        long tokens = counts.values().stream().mapToLong(Integer::longValue).sum();
        // the floor's batches pad the least they can: every text sorted by its token count at once
        texts.sort(Comparator.comparingInt(counts::get));
        List<List<String>> batches = new ArrayList<>();
        long padded = 0;
        for (int i = 0; i < texts.size(); i += batch) {
          List<String> b = texts.subList(i, Math.min(texts.size(), i + batch));
          batches.add(b);
          padded += (long) b.size() * counts.get(b.getLast());
        }
        System.out.printf("%,d papers (%,d tokens after the cut, %,d with the floor's padding) from %s; model %s, %s tier cut"
                + " at %d tokens, %d threads, batches of %d; %d cores, load average %s%n",
            papers.size(), tokens, padded, file, model.id(), t.id(), cut, threads, batch,
            Runtime.getRuntime().availableProcessors(), Measure.loadAverage());
        // both warmed up alike, so neither pays for the JIT compiling its code in the measured rounds
        PlainOnnxLoop.run(model, batches.subList(0, Math.min(2 * threads, batches.size())), threads, cut);
        app.vectorBackfill(model).withBatch(batch).run(papers.subList(0, Math.min(2 * threads * batch, papers.size())), threads, false);
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
          long t0 = System.nanoTime(), c0 = Measure.processCpuNanos();
          PlainOnnxLoop.run(model, batches, threads, cut);
          double floor = (System.nanoTime() - t0) / 1e9, floorCpu = (Measure.processCpuNanos() - c0) / 1e9;
          app.database().jdbi().useHandle(h -> h.execute("DELETE FROM paper_embeddings"));
          long t1 = System.nanoTime(), c1 = Measure.processCpuNanos();
          VectorBackfill.Summary s = app.vectorBackfill(model).withBatch(batch).run(List.of(t), threads, false, () -> false).getFirst();
          double pipeline = (System.nanoTime() - t1) / 1e9, pipelineCpu = (Measure.processCpuNanos() - c1) / 1e9;
          if (s.embedded() != papers.size()) throw new IllegalStateException("the pipeline embedded " + s.embedded() + " papers");
          ratios.add(floor / pipeline);
          System.out.printf("round %d: floor %7.1f papers/s %,8.0f tokens/s (%.1f CPU s) | pipeline %7.1f papers/s"
                  + " %,8.0f tokens/s (%.1f CPU s) | pipeline/floor %.3f, by CPU time %.3f | load %s%n",
              r, papers.size() / floor, tokens / floor, floorCpu, papers.size() / pipeline, tokens / pipeline, pipelineCpu,
              floor / pipeline, floorCpu / pipelineCpu, Measure.loadAverage());
        }
        ratios.sort(null);
        System.out.printf("median pipeline/floor: %.3f over %d rounds%n", ratios.get(ratios.size() / 2), rounds);
      }
    } finally {
      Measure.deleteTree(dir);
    }
    return 0;
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
