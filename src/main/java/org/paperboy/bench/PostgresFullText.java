package org.paperboy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.paperboy.db.Database;

/**
 * The yardstick for keyword search: PostgreSQL 15's own full-text search over the same papers and the
 * same queries, as one would write it: a stored {@code tsvector} of title and abstract with a GIN
 * index, {@code websearch_to_tsquery} and the top 10 by {@code ts_rank_cd}, titles fetched with the
 * ranking. Runs in a schema of its own, dropped afterwards.
 */
final class PostgresFullText {
  private PostgresFullText() {}

  /**
   * Latency of the queries, in milliseconds, over {@code queries} of them; {@code timedOut} of them hit
   * the statement timeout and count as taking exactly {@code timeoutMs} (so a percentile they reach is a
   * lower bound). {@code buildSeconds}: copying the papers, computing the tsvectors and the GIN index.
   */
  record Result(double p50, double p99, int queries, int timedOut, long timeoutMs, double buildSeconds) {
    /** {@code 1.42 / 305.37}, with {@code ≥} on a percentile reached by timed-out queries. */
    String percentiles() {
      return String.format(Locale.ROOT, "%.2f / %s%.2f", p50, timedOut > 0 && p99 >= timeoutMs ? "≥ " : "", p99);
    }

    /** How many queries the figures are over, and how many of them timed out. */
    String over() {
      return String.format(Locale.ROOT, "%,d queries%s", queries,
          timedOut == 0 ? "" : String.format(Locale.ROOT, ", %d timed out at %,d ms", timedOut, timeoutMs));
    }
  }

  /** SQLSTATE of a statement cancelled by {@code statement_timeout}. */
  private static final String QUERY_CANCELED = "57014";

  static Result measure(String serverUrl, Database store, List<String> queries, Duration timeout) throws SQLException {
    String schema = "bench_fts_" + ProcessHandle.current().pid();
    try (Connection pg = DriverManager.getConnection(serverUrl); Statement s = pg.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
      s.execute("SET search_path = " + schema);
      long t0 = System.nanoTime();
      s.execute("CREATE TABLE papers (id TEXT PRIMARY KEY, title TEXT, abstract TEXT, tsv tsvector GENERATED ALWAYS AS"
          + " (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', abstract), 'B')) STORED)");
      copyPapers(store, pg);
      // as one would build it once: the default 64 MB made the GIN build spill to disk at 750k papers
      s.execute("SET maintenance_work_mem = '512MB'");
      s.execute("CREATE INDEX papers_tsv ON papers USING GIN (tsv)");
      s.execute("ANALYZE papers");
      double buildSeconds = Measure.since(t0);
      // a query matching most of a large corpus ranks every match: bounded, and counted as bounded
      s.execute("SET statement_timeout = " + timeout.toMillis());
      try (PreparedStatement q = pg.prepareStatement("SELECT id, title, ts_rank_cd(tsv, q) AS rank"
          + " FROM papers, websearch_to_tsquery('english', ?) q WHERE tsv @@ q ORDER BY rank DESC LIMIT 10")) {
        for (String query : queries) run(q, query); // warm-up, as for Lucene
        long[] nanos = new long[queries.size()];
        int timedOut = 0;
        for (int i = 0; i < queries.size(); i++) {
          long t = System.nanoTime();
          boolean answered = run(q, queries.get(i));
          nanos[i] = answered ? System.nanoTime() - t : timeout.toNanos();
          if (!answered) timedOut++;
        }
        Arrays.sort(nanos);
        return new Result(HttpLoad.percentile(nanos, 0.5), HttpLoad.percentile(nanos, 0.99), queries.size(), timedOut,
            timeout.toMillis(), buildSeconds);
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /** False when the statement timeout cancelled it (autocommit: the connection stays usable). */
  private static boolean run(PreparedStatement q, String query) throws SQLException {
    q.setString(1, query);
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) rs.getString(2);
      return true;
    } catch (SQLException e) {
      if (QUERY_CANCELED.equals(e.getSQLState())) return false;
      throw e;
    }
  }

  private static void copyPapers(Database store, Connection pg) throws SQLException {
    var copy = pg.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
    try (var in = new java.io.PipedInputStream(1 << 20); var out = new java.io.PipedOutputStream(in)) {
      Thread writer = Thread.ofPlatform().start(() -> {
        try (var w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8))) {
          store.jdbi().useHandle(h -> h.createQuery("SELECT id, title, abstract FROM papers").setFetchSize(10_000)
              .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).stream()
              .forEach(row -> {
                try {
                  w.write(escape(row[0]) + '\t' + escape(row[1]) + '\t' + escape(row[2]) + '\n');
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              }));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      copy.copyIn("COPY papers (id, title, abstract) FROM STDIN", in);
      writer.join();
    } catch (java.io.IOException | InterruptedException e) {
      throw new SQLException("copying papers to PostgreSQL failed: " + e.getMessage(), e);
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
