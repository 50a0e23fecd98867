package org.paperboy.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One size's figures, printed as a Markdown table row; and how they grow from one size to the next. */
record ScaleRow(long papers, double sqliteImport, double postgresImport, double indexBuild, long storeBytes,
    long postgresBytes, long indexBytes, long heapBytes, double bm25P50, double bm25P99, String fts,
    double statsMs,
    Map<String, HttpLoad.Result> routes, String loads) {

  static String header() {
    return "| papers | import SQLite rec/s | import PostgreSQL rec/s | index build papers/s | SQLite MiB | PostgreSQL MiB"
        + " | index MiB | heap after GC MiB | BM25 p50 / p99 ms | PostgreSQL FTS p50 / p99 ms | stats ms | HTTP req/s, p99 ms at 16 conn. | load avg |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|";
  }

  String markdown() {
    StringBuilder http = new StringBuilder();
    routes.forEach((route, r) -> http.append(http.isEmpty() ? "" : "; ")
        .append(String.format(Locale.ROOT, "`%s` %,.0f, %.1f", route, r.perSecond(), r.p99())));
    return String.format(Locale.ROOT, "| %,d | %,.0f | %s | %,.0f | %,.0f | %s | %,.0f | %,d | %.2f / %.2f | %s | %,.0f | %s | %s |",
        papers, sqliteImport, postgresImport > 0 ? String.format(Locale.ROOT, "%,.0f", postgresImport) : "–", indexBuild,
        storeBytes / 1048576.0, postgresBytes > 0 ? String.format(Locale.ROOT, "%,.0f", postgresBytes / 1048576.0) : "–",
        indexBytes / 1048576.0, heapBytes >> 20, bm25P50, bm25P99,
        fts, statsMs, http, loads);
  }

  /** k in figure ∝ papers^k: 1 grows in proportion, 0 stays flat; for rates, negative means slower per paper. */
  static String exponents(ScaleRow a, ScaleRow b) {
    double x = Math.log((double) b.papers / a.papers);
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "growth %,d → %,d papers (exponent k):", a.papers, b.papers));
    Map<String, double[]> pairs = new LinkedHashMap<>();
    pairs.put("import SQLite rec/s", new double[] {a.sqliteImport, b.sqliteImport});
    pairs.put("import PostgreSQL rec/s", new double[] {a.postgresImport, b.postgresImport});
    pairs.put("index papers/s", new double[] {a.indexBuild, b.indexBuild});
    pairs.put("SQLite size", new double[] {a.storeBytes, b.storeBytes});
    pairs.put("index size", new double[] {a.indexBytes, b.indexBytes});
    pairs.put("heap", new double[] {a.heapBytes, b.heapBytes});
    pairs.put("BM25 p50", new double[] {a.bm25P50, b.bm25P50});
    pairs.put("BM25 p99", new double[] {a.bm25P99, b.bm25P99});
    pairs.put("stats", new double[] {a.statsMs, b.statsMs});
    a.routes.forEach((route, r) -> {
      HttpLoad.Result other = b.routes.get(route);
      if (other != null) pairs.put(route + " req/s", new double[] {r.perSecond(), other.perSecond()});
    });
    pairs.forEach((name, v) -> {
      if (v[0] > 0 && v[1] > 0) s.append(String.format(Locale.ROOT, " %s %+.2f;", name, Math.log(v[1] / v[0]) / x));
    });
    return s.toString();
  }

  /** Collects the figures as they are measured, with the load average at each. */
  static final class Builder {
    private final long papers;
    private double sqliteImport, postgresImport, indexBuild, bm25P50, bm25P99, statsMs;
    private String fts = "–";
    private long storeBytes, postgresBytes, indexBytes, heapBytes;
    private final Map<String, HttpLoad.Result> routes = new LinkedHashMap<>();
    private final StringBuilder loads = new StringBuilder();

    Builder(long papers) {
      this.papers = papers;
    }

    private void load(String what, String load) {
      loads.append(loads.isEmpty() ? "" : ", ").append(what).append(' ').append(load);
    }

    void sqliteImport(double perSecond, String load) {
      sqliteImport = perSecond;
      load("import", load);
      System.out.printf(Locale.ROOT, "  import SQLite %,.0f records/s (load %s)%n", perSecond, load);
    }

    void postgresImport(double perSecond, String load) {
      postgresImport = perSecond;
      load("pg", load);
      System.out.printf(Locale.ROOT, "  import PostgreSQL %,.0f records/s (load %s)%n", perSecond, load);
    }

    void postgresSize(long bytes) {
      postgresBytes = bytes;
    }

    void indexBuild(double perSecond, String load) {
      indexBuild = perSecond;
      load("index", load);
      System.out.printf(Locale.ROOT, "  index build %,.0f papers/s (load %s)%n", perSecond, load);
    }

    void sizes(long store, long index) {
      storeBytes = store;
      indexBytes = index;
    }

    void stats(double ms) {
      statsMs = ms;
      System.out.printf(Locale.ROOT, "  stats %.0f ms%n", ms);
    }

    void bm25(double p50, double p99, String load) {
      bm25P50 = p50;
      bm25P99 = p99;
      load("bm25", load);
      System.out.printf(Locale.ROOT, "  BM25 p50 %.2f ms, p99 %.2f ms (load %s)%n", p50, p99, load);
    }

    void postgresFullText(PostgresFullText.Result r, String load) {
      fts = r.percentiles() + " (" + r.over() + ")";
      load("fts", load);
      System.out.printf(Locale.ROOT, "  PostgreSQL websearch_to_tsquery + ts_rank_cd top 10: p50 / p99 %s ms over %s"
          + " (tsvectors and GIN index built in %.0f s; load %s)%n", r.percentiles(), r.over(), r.buildSeconds(), load);
    }

    void heapAfterGc(long bytes) {
      heapBytes = bytes;
    }

    void route(String route, HttpLoad.Result r) {
      routes.put(route, r);
    }

    ScaleRow build() {
      return new ScaleRow(papers, sqliteImport, postgresImport, indexBuild, storeBytes, postgresBytes, indexBytes, heapBytes,
          bm25P50, bm25P99, fts, statsMs, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(routes)), loads.toString());
    }
  }
}
