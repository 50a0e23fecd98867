package org.paperboy.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.support.Refusal;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.support.Progress;
import org.paperboy.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The growth curve: at each corpus size, import (SQLite and PostgreSQL), index build, sizes on disk,
 * heap after GC, BM25 latency, HTTP throughput and {@code stats}, then how each figure grows between
 * sizes (the exponent k in figure ∝ size^k). Everything it creates lives under {@code --work} and is
 * deleted size by size.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = {"Measures Paperboy at several corpus sizes generated from the real snapshot (seeded).",
        "Prints one row per size and the growth exponent of each figure between sizes."})
public final class ScaleBench implements Callable<Integer> {
  @Option(names = "--papers", defaultValue = "75000,750000", split = ",",
      description = "Corpus sizes (default: ${DEFAULT-VALUE}; the issue's curve adds 3000000).")
  List<Long> sizes;

  @Option(names = "--file", defaultValue = "../shared/data/arxiv/cs-2025-2026.jsonl.gz",
      description = "The real snapshot the corpus is derived from.%nDefault: ${DEFAULT-VALUE}")
  Path file;

  @Option(names = "--feed", defaultValue = "../shared/data/hf-daily-papers/daily-papers-2024-2026.jsonl.gz",
      // the default in two lines: as one it is wider than the help's column and would break in the middle
      description = "A daily-papers feed imported at every size, so the daily routes have lists.%n"
          + "Default: daily-papers-2024-2026.jsonl.gz%nin ../shared/data/hf-daily-papers/")
  Path feed;

  @Option(names = "--pg", paramLabel = "JDBC_URL",
      description = "A PostgreSQL server to import into as well (a fresh schema per size, dropped after).")
  String postgresUrl;

  // The issue asks PostgreSQL's figures at 75k and 750k; at 3M its import and full-text index would
  // double a run that already takes most of an hour on two cores.
  @Option(names = "--pg-up-to", paramLabel = "PAPERS",
      description = "Only sizes up to this many papers go into PostgreSQL too (default: every size).")
  long postgresUpTo = Long.MAX_VALUE;

  @Option(names = "--pg-fts-queries", paramLabel = "N", defaultValue = "200",
      description = "Above 75,000 papers, PostgreSQL's full-text search runs only the first N queries"
          + " (default: ${DEFAULT-VALUE}; at 750k the 1,000 ran past 16 minutes).")
  int ftsQueries;

  @Option(names = "--pg-fts-timeout", paramLabel = "SECONDS", defaultValue = "2",
      description = "statement_timeout of each PostgreSQL full-text query; one that hits it is counted"
          + " and taken as this long (default: ${DEFAULT-VALUE}).")
  int ftsTimeoutSeconds;

  @Option(names = "--work", defaultValue = "./bench-scale", description = "Scratch directory.%nDefault: ${DEFAULT-VALUE}")
  Path work;

  @Option(names = "--seed", defaultValue = "42", description = "Corpus and query seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--queries", defaultValue = "1000", description = "BM25 queries per size (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--connections", defaultValue = "16", description = "HTTP connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per HTTP route (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    for (Path p : List.of(file, feed)) {
      if (!Files.isReadable(p)) throw Refusal.badInput("--file/--feed: cannot read " + p);
    }
    if (sizes.stream().anyMatch(n -> n < 1_000)) throw Refusal.badInput("--papers: each size must be at least 1000");
    if (ftsQueries < 1) throw Refusal.badInput("--pg-fts-queries: must be at least 1");
    if (ftsTimeoutSeconds < 1) throw Refusal.badInput("--pg-fts-timeout: must be at least 1 second");
    Files.createDirectories(work);
    System.out.printf("bench scale: sizes %s, seed %d, JVM %s, %d cores, max heap %,d MiB, load average %s%n",
        sizes, seed, Runtime.version(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, Measure.loadAverage());
    SyntheticCorpus corpus = SyntheticCorpus.from(file);
    for (long n : sizes) {
      try {
        corpus.checkFits(n);
      } catch (IllegalArgumentException e) {
        throw Refusal.badInput("--papers: " + e.getMessage());
      }
    }
    // the generator keeps the real records in memory through every size: part of each heap figure below
    System.out.printf("the real records the generator recombines loaded: heap after GC %,d MiB%n", Measure.heapAfterGc() >> 20);
    List<ScaleRow> rows = new ArrayList<>();
    for (long n : sizes) {
      rows.add(measure(corpus, n));
      System.out.println(ScaleRow.header());
      rows.forEach(r -> System.out.println(r.markdown()));
    }
    System.out.println();
    System.out.println(ScaleRow.header());
    rows.forEach(r -> System.out.println(r.markdown()));
    for (int i = 1; i < rows.size(); i++) System.out.println(ScaleRow.exponents(rows.get(i - 1), rows.get(i)));
    return 0;
  }

  private ScaleRow measure(SyntheticCorpus corpus, long n) throws Exception {
    Path dir = work.resolve("n" + n);
    Measure.deleteTree(dir);
    Files.createDirectories(dir);
    try {
      Path snapshot = dir.resolve("corpus.jsonl.gz");
      long t0 = System.nanoTime();
      long[] written = {0};
      try (Progress progress = new Progress("generate " + n, n, () -> written[0], Progress.onTerminal())) {
        corpus.write(n, seed, snapshot, k -> {
          written[0] += k;
          progress.advance(k);
        });
      }
      System.out.printf("%,d papers: corpus %,.0f MiB (gzip) written in %.1f s%n", n, Files.size(snapshot) / 1048576.0,
          Measure.since(t0));
      ScaleRow.Builder row = new ScaleRow.Builder(n);
      boolean postgres = postgresUrl != null && n <= postgresUpTo;
      if (postgres) importIntoPostgres(snapshot, dir, row);
      Path data = dir.resolve("data");
      try (Paperboy app = Paperboy.open(new Config(data, null))) {
        String load = Measure.loadAverage();
        long t1 = System.nanoTime();
        var summary = app.snapshotImporter().importFile(snapshot, false, Progress.onTerminal(), r -> {});
        row.sqliteImport(summary.read() / Measure.since(t1), load);
        // a record the import refuses would leave the size short of its name: said, never silent
        if (summary.rejected() > 0 || summary.inserted() != n) {
          System.out.printf(Locale.ROOT, "  WARNING: %,d of %,d records stored, %,d rejected by the import%n",
              summary.inserted(), n, summary.rejected());
        }
        app.dailyFeedImporter().importFile(feed, r -> {});
        Measure.deleteTree(snapshot);

        load = Measure.loadAverage();
        long t2 = System.nanoTime();
        long indexed;
        long[] done = {0};
        try (Progress progress = new Progress("index", app.papers().count(), () -> done[0], Progress.onTerminal())) {
          indexed = app.search().reindex(k -> {
            done[0] += k;
            progress.advance(k);
          }).papers();
        }
        row.indexBuild(indexed / Measure.since(t2), load);
        row.sizes(Measure.sizeOf(data.resolve("paperboy.db")) + Measure.sizeOf(data.resolve("paperboy.db-wal")),
            Measure.sizeOf(data.resolve("index")));

        long t3 = System.nanoTime();
        app.papers().stats();
        row.stats(Measure.since(t3) * 1000);

        List<String> qs = accepted(app, Measure.titleQueries(app.database(), queries, seed));
        searchLatency(app, qs, row);
        if (postgres) {
          String ftsLoad = Measure.loadAverage();
          List<String> ftsQs = n <= 75_000 ? qs : qs.subList(0, Math.min(ftsQueries, qs.size()));
          row.postgresFullText(PostgresFullText.measure(postgresUrl, app.database(), ftsQs,
              Duration.ofSeconds(ftsTimeoutSeconds)), ftsLoad);
        }
        row.heapAfterGc(Measure.heapAfterGc());
        http(app, qs, row);
      }
      return row.build();
    } finally {
      Measure.deleteTree(dir);
    }
  }

  private void importIntoPostgres(Path snapshot, Path dir, ScaleRow.Builder row) throws Exception {
    String schema = "bench_scale_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    try (Paperboy app = Paperboy.open(new Config(dir.resolve("pg"), url))) {
      String load = Measure.loadAverage();
      long t0 = System.nanoTime();
      var summary = app.snapshotImporter().importFile(snapshot, false, Progress.onTerminal(), r -> {});
      row.postgresImport(summary.read() / Measure.since(t0), load);
      row.postgresSize(app.database().jdbi().withHandle(h -> h.createQuery(
          "SELECT pg_total_relation_size('papers') + pg_total_relation_size('paper_versions')").mapTo(Long.class).one()));
    } finally {
      try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /**
   * The queries search answers: a title fragment of only stop words ("of the") is refused as bad input
   * (400 on {@code /search}); timing refusals would flatter the latency and count as HTTP errors. Asking
   * each query once here is also the warm-up (the JIT, the OS page cache) of the latency measured next.
   */
  private static List<String> accepted(Paperboy app, List<String> qs) {
    List<String> out = new ArrayList<>(qs.size());
    for (String q : qs) {
      try {
        app.search().search(SearchRequest.of(q).withMode(SearchMode.BM25));
        out.add(q);
      } catch (Refusal e) {
        // left out, and counted below
      }
    }
    System.out.printf(Locale.ROOT, "  queries: %,d title fragments, %,d refused as bad input (only stop words), %,d measured%n",
        qs.size(), qs.size() - out.size(), out.size());
    return out;
  }

  private static void searchLatency(Paperboy app, List<String> qs, ScaleRow.Builder row) {
    long[] nanos = new long[qs.size()];
    String load = Measure.loadAverage();
    for (int i = 0; i < qs.size(); i++) {
      long t0 = System.nanoTime();
      bm25(app, qs.get(i));
      nanos[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(nanos);
    row.bm25(HttpLoad.percentile(nanos, 0.5), HttpLoad.percentile(nanos, 0.99), load);
  }

  private static void bm25(Paperboy app, String q) {
    app.search().search(SearchRequest.of(q).withMode(SearchMode.BM25));
  }

  private void http(Paperboy app, List<String> qs, ScaleRow.Builder row) throws InterruptedException {
    try (WebServer server = app.webServer().start("127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + server.port();
      String paper = app.dailyList().latestDay()
          .flatMap(d -> app.dailyList().entries(new org.paperboy.trending.DailyList.Query(d, d, null,
              org.paperboy.trending.DailyList.Order.UPVOTES, 0, 1)).stream().findFirst())
          .map(e -> e.paper().id().value()).orElse("2501.00001");
      List<URI> search = qs.stream()
          .map(q -> URI.create(base + "/search?mode=bm25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).toList();
      List<URI> papers = Measure.paperIds(app.database(), 1_000, seed).stream().map(id -> URI.create(base + "/papers/" + id)).toList();
      var routes = new java.util.LinkedHashMap<String, List<URI>>();
      routes.put("/", List.of(URI.create(base + "/")));
      routes.put("/api/daily_papers", List.of(URI.create(base + "/api/daily_papers?limit=50")));
      routes.put("/search (bm25)", search);
      routes.put("/papers/{id}", papers.isEmpty() ? List.of(URI.create(base + "/papers/" + paper)) : papers);
      routes.put("/latest", List.of(URI.create(base + "/latest")));
      for (var r : routes.values()) HttpLoad.run(r, connections, Duration.ofSeconds(3)); // warm-up
      for (var r : routes.entrySet()) {
        String load = Measure.loadAverage();
        HttpLoad.Result result = HttpLoad.run(r.getValue(), connections, Duration.ofSeconds(seconds));
        System.out.printf(Locale.ROOT, "  %-18s %,8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %s  (load %s)%n",
            r.getKey(), result.perSecond(), result.p50(), result.p99(), result.errorsText(), load);
        row.route(r.getKey(), result);
      }
    }
  }
}
