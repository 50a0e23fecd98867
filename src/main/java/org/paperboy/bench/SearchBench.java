package org.paperboy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.cli.GlobalOptions;
import org.paperboy.db.Database;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.StoredPaper;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchService;
import org.paperboy.search.VectorBackfill;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Search latency end to end (parse, Lucene, query embedding, snippets, loading the page's papers), on a
 * throw-away index of the first N papers of the data directory's store. The store and the vectors stay
 * in the data directory, so only the first run imports and embeds.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Measures search: p50/p99 latency and queries/s per mode, on 1 and 2 threads; index size; heap.",
        "Imports --file into the data directory's store when it is empty and embeds what is missing (cached)."})
final class SearchBench implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--file", defaultValue = "../shared/data/arxiv/cs-2025-2026.jsonl.gz",
      description = "Snapshot to import when the store is empty.%nDefault: ${DEFAULT-VALUE}")
  Path file;

  @Option(names = "--limit", description = "Index only the first N papers of the store (default: all).")
  Integer limit;

  @Option(names = "--queries", description = "One query per line, instead of 1,000 derived from titles.")
  Path queries;

  @Option(names = "--count", defaultValue = "1000", description = "How many queries to derive (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--modes", defaultValue = "bm25,semantic,hybrid", split = ",", description = "Modes to measure.")
  List<String> modes;

  @Override
  public Integer call() throws Exception {
    try (Paperboy app = global.open()) {
      if (app.papers().count() == 0) {
        if (!Files.isReadable(file)) throw Refusal.badInput("the store is empty and " + file + " cannot be read");
        System.out.println("importing " + file + " into " + app.config().dataDir() + " (once) …");
        app.snapshotImporter().importFile(file, false, Progress.onTerminal(), r -> {});
      }
      List<Paper> subset = firstPapers(app.papers(), limit == null ? Integer.MAX_VALUE : limit);
      EmbeddingStore vectors = new EmbeddingStore(app.database());
      boolean semantic = modes.stream().anyMatch(m -> SearchMode.parse(m) != SearchMode.BM25);
      if (semantic) {
        VectorBackfill.Summary s = new VectorBackfill(app.papers(), vectors, app.search().model())
            .run(subset, 2, Progress.onTerminal());
        System.out.println("vectors: " + s);
      }
      List<String> qs = queries != null ? readQueries(queries) : fromTitles(subset, count, 42);
      Path dir = Files.createTempDirectory("paperboy-bench-search-");
      try (Database db = Database.open(new Config(dir, null).databaseUrl())) {
        PaperStore store = new PaperStore(db);
        for (int i = 0; i < subset.size(); i += 2_000) store.upsert(subset.subList(i, Math.min(subset.size(), i + 2_000)));
        try (SearchService search = new SearchService(store, vectors, dir.resolve("index"), app.search().model())) {
          long t0 = System.nanoTime();
          search.catchUp();
          System.out.printf("%,d papers, model %s, index built in %.1f s, %,d queries, JVM %s, %d cores%n", subset.size(),
              search.model().id(), (System.nanoTime() - t0) / 1e9, qs.size(), Runtime.version(),
              Runtime.getRuntime().availableProcessors());
          Measure.resetPeaks();
          for (String m : modes) {
            SearchMode mode = SearchMode.parse(m);
            run(search, mode, qs, 2); // warm-up: the JIT, the OS page cache, the model
            for (int threads = 1; threads <= 2; threads++) {
              System.out.println(run(search, mode, qs, threads));
            }
          }
          System.out.printf("index size %,.1f MiB; heap peak %,d MiB, after GC %,d MiB%n",
              sizeOf(dir.resolve("index")) / 1048576.0, Measure.peakHeapBytes() >> 20, heapAfterGc() >> 20);
        }
      } finally {
        Measure.deleteTree(dir);
      }
    }
    return 0;
  }

  private static String run(SearchService search, SearchMode mode, List<String> qs, int threads) throws InterruptedException {
    long[] nanos = new long[qs.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long started = System.nanoTime();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(Thread.ofPlatform().start(() -> {
        int i;
        while ((i = next.getAndIncrement()) < qs.size()) {
          long t0 = System.nanoTime();
          try {
            search.search(SearchRequest.of(qs.get(i)).withMode(mode));
          } catch (Refusal e) {
            failed.incrementAndGet();
          }
          nanos[i] = System.nanoTime() - t0;
        }
      }));
    }
    for (Thread w : workers) w.join();
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(nanos);
    return String.format("%-8s %d thread%s  p50 %7.2f ms  p99 %7.2f ms  %8.1f queries/s  (%d rejected as bad input)",
        mode.label(), threads, threads == 1 ? " " : "s", nanos[nanos.length / 2] / 1e6,
        nanos[Math.min(nanos.length - 1, (int) (nanos.length * 0.99))] / 1e6, qs.size() / seconds, failed.get());
  }

  private static List<Paper> firstPapers(PaperStore store, int limit) {
    List<Paper> out = new ArrayList<>();
    long seq = 0;
    String id = "";
    List<StoredPaper> page;
    while (out.size() < limit && !(page = store.changedAfter(seq, id, Math.min(5_000, limit - out.size()))).isEmpty()) {
      for (StoredPaper sp : page) out.add(sp.paper());
      seq = page.getLast().changeSeq();
      id = page.getLast().paper().id().value();
    }
    return out;
  }

  /**
   * Reproducible, varied queries: a run of one to six consecutive words from a random paper's title,
   * LaTeX dropped — what people half-remember of a title.
   */
  static List<String> fromTitles(List<Paper> papers, int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    while (out.size() < count && !papers.isEmpty()) {
      String title = papers.get(random.nextInt(papers.size())).title().replaceAll("\\$[^$]*\\$", " ");
      String[] words = Arrays.stream(title.split("[^\\p{L}\\p{N}-]+")).filter(w -> !w.isBlank()).toArray(String[]::new);
      if (words.length == 0) continue;
      int length = 1 + random.nextInt(Math.min(6, words.length));
      int start = random.nextInt(words.length - length + 1);
      out.add(String.join(" ", Arrays.copyOfRange(words, start, start + length)).replaceAll("(^|\\s)-+", "$1"));
    }
    return out;
  }

  private static List<String> readQueries(Path file) throws IOException {
    if (!Files.isReadable(file)) throw Refusal.badInput("cannot read " + file);
    List<String> qs = Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (qs.isEmpty()) throw Refusal.badInput(file + " has no queries");
    return qs;
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static long heapAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
