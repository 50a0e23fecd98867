package org.paperboy.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorTier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embeds the same abstracts with the project's pipeline and with a plain ONNX Runtime loop (the floor),"
        + " same model, threads and cut, in one run; prints papers/s, tokens/s and the ratio.")
public final class EmbedBench implements Callable<Integer> {
  @Option(names = "--file", defaultValue = "../shared/data/arxiv/cs-2025-2026.jsonl.gz",
      description = "arXiv snapshot to take the papers from (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(names = "--papers", defaultValue = "1000", description = "How many papers, from the file's start (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--batch", defaultValue = "16", description = "Texts per model run (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--tier", defaultValue = "full", description = "title or full: where texts are cut (default: ${DEFAULT-VALUE}).")
  String tier;

  @Option(names = "--cut", description = "Cut texts at this many tokens instead of the tier's cut.")
  Integer cut;

  @Option(names = "--rounds", defaultValue = "2", description = "Alternating rounds of floor and pipeline (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--model", description = "bge-small-en-v15-q or all-minilm-l6-v2-q (default: the app's).")
  String modelName;

  @Override
  public Integer call() throws Exception {
    EmbeddingModel model = modelName == null ? EmbeddingModel.fromEnvironment() : EmbeddingModel.parse(modelName);
    VectorTier t = VectorTier.parse(tier);
    int maxTokens = cut != null ? Math.min(cut, model.maxTokens()) : t.maxTokens(model);
    Path dir = Files.createTempDirectory("paperboy-bench-embed-");
    try {
      Path head = dir.resolve("head.jsonl");
      writeHead(file, head, count);
      try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), null))) {
        app.snapshotImporter().importFile(head, false, false, r -> {});
        List<Paper> papers = app.papers().changedAfter(0, "", count).stream().map(PaperStore.StoredPaper::paper).toList();
        List<String> texts = new ArrayList<>(papers.stream().map(EmbeddingStore::textOf).toList());
        texts.sort(Comparator.comparingInt(String::length));
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += batch) batches.add(texts.subList(i, Math.min(texts.size(), i + batch)));
        System.out.printf("%,d papers from %s; model %s, cut %d tokens, %d threads, batches of %d; load average %s%n",
            papers.size(), file, model.id(), maxTokens, threads, batch, loadAverage());
        PlainOnnxLoop.run(model, batches.subList(0, Math.min(4, batches.size())), threads, maxTokens); // warm-up
        for (int r = 1; r <= rounds; r++) {
          long t0 = System.nanoTime();
          long tokens = PlainOnnxLoop.run(model, batches, threads, maxTokens);
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf("round %d floor:    %7.1f papers/s %,9.0f tokens/s (%,d tokens in %.1f s)%n",
              r, papers.size() / s, tokens / s, tokens, s);
        }
      }
    } finally {
      deleteTree(dir);
    }
    return 0;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
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

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
