package org.paperboy.paper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's write path for papers: each batch is streamed with {@code COPY} into session-local
 * staging tables, then merged with a handful of set-based statements instead of one round trip per
 * paper. It keeps {@link PaperStore}'s rules exactly: the same hash is unchanged, an older record
 * never overwrites a newer one (it may still add versions), a batch commits whole or not at all.
 */
final class PostgresBulkWriter {
  private static final String PAPER_COLUMNS =
      "id, latest_version, title, abstract, authors, authors_parsed, primary_category, categories, comments,"
          + " journal_ref, doi, report_no, license, submitter, first_submitted, last_updated, announced_on, content_hash";

  private PostgresBulkWriter() {}

  /**
   * Writes the papers inside the caller's transaction. {@code seq} is asked for at most once, and only
   * when something is inserted or updated. A paper twice in one batch is written in two rounds, so the
   * second meets the first as the SQLite path would.
   */
  static PaperStore.UpsertCounts write(Connection connection, List<PaperStore.Prepared> papers,
      java.util.function.LongSupplier seq) throws SQLException {
    prepareStaging(connection);
    PaperStore.UpsertCounts total = PaperStore.UpsertCounts.NONE;
    long[] changeSeq = {-1};
    for (List<PaperStore.Prepared> round : rounds(papers)) {
      total = total.plus(writeRound(connection, round, () -> {
        if (changeSeq[0] < 0) changeSeq[0] = seq.getAsLong();
        return changeSeq[0];
      }));
    }
    return total;
  }

  /** Splits at the first repeat of an id, keeping the file's order. */
  private static List<List<PaperStore.Prepared>> rounds(List<PaperStore.Prepared> papers) {
    List<List<PaperStore.Prepared>> rounds = new ArrayList<>();
    List<PaperStore.Prepared> current = new ArrayList<>(papers.size());
    Set<String> seen = new HashSet<>(papers.size() * 2);
    for (PaperStore.Prepared p : papers) {
      if (!seen.add(p.paper().id().value())) {
        rounds.add(current);
        current = new ArrayList<>();
        seen.clear();
        seen.add(p.paper().id().value());
      }
      current.add(p);
    }
    rounds.add(current);
    return rounds;
  }

  private static void prepareStaging(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      // temporary tables live in this connection's own schema; ON COMMIT DELETE ROWS empties them
      // whether the transaction commits or rolls back, so a pooled connection never carries rows over
      s.execute("CREATE TEMP TABLE IF NOT EXISTS paper_staging (" + PAPER_COLUMNS.replace(",", " TEXT,")
          + " TEXT, action TEXT NOT NULL DEFAULT 'insert') ON COMMIT DELETE ROWS");
      s.execute("CREATE TEMP TABLE IF NOT EXISTS paper_version_staging (paper_id TEXT, version INTEGER,"
          + " submitted_at TEXT, size TEXT) ON COMMIT DELETE ROWS");
      s.execute("TRUNCATE paper_staging, paper_version_staging");
    }
  }

  private static PaperStore.UpsertCounts writeRound(Connection connection, List<PaperStore.Prepared> papers,
      java.util.function.LongSupplier seq) throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    CopyText papersText = new CopyText(papers.size() * 1_500);
    CopyText versionsText = new CopyText(papers.size() * 120);
    for (PaperStore.Prepared prepared : papers) {
      Paper p = prepared.paper();
      papersText.row(p.id().value(), Integer.toString(p.latestVersion()), p.title(), p.abstractText(), p.authorsLine(),
          prepared.authorsJson(), p.primaryCategory(), String.join(" ", p.categories()), p.comments(), p.journalRef(),
          p.doi(), p.reportNo(), p.license(), p.submitter(), text(p.firstSubmitted()), text(p.lastUpdated()),
          text(p.announcedOn()), prepared.contentHash());
      for (Version v : p.versions()) {
        versionsText.row(p.id().value(), Integer.toString(v.number()), text(v.submittedAt()), v.size());
      }
    }
    try {
      copy.copyIn("COPY paper_staging (" + PAPER_COLUMNS + ") FROM STDIN", papersText.stream());
      copy.copyIn("COPY paper_version_staging FROM STDIN", versionsText.stream());
    } catch (IOException e) {
      throw new SQLException("streaming papers to PostgreSQL failed: " + e.getMessage(), e);
    }
    try (Statement s = connection.createStatement()) {
      // the same decision as the SQLite path, for every staged paper at once
      s.executeUpdate("UPDATE paper_staging s SET action = CASE"
          + " WHEN p.content_hash = s.content_hash THEN 'same'"
          + " WHEN s.latest_version::int < p.latest_version"
          + "   OR (s.latest_version::int = p.latest_version AND s.last_updated < p.last_updated) THEN 'older'"
          + " ELSE 'update' END"
          + " FROM papers p WHERE p.id = s.id");
      int inserted = 0, updated = 0, unchanged = 0;
      try (var rs = s.executeQuery("SELECT action, COUNT(*) FROM paper_staging GROUP BY action")) {
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "insert" -> inserted = rs.getInt(2);
            case "update" -> updated = rs.getInt(2);
            default -> unchanged += rs.getInt(2);
          }
        }
      }
      if (inserted + updated > 0) {
        long changeSeq = seq.getAsLong();
        if (inserted > 0) {
          s.executeUpdate("INSERT INTO papers (" + PAPER_COLUMNS + ", change_seq) SELECT id, latest_version::int, title,"
              + " abstract, authors, authors_parsed, primary_category, categories, comments, journal_ref, doi, report_no,"
              + " license, submitter, first_submitted, last_updated, announced_on, content_hash, " + changeSeq
              + " FROM paper_staging WHERE action = 'insert'");
        }
        if (updated > 0) {
          s.executeUpdate("UPDATE papers p SET latest_version = s.latest_version::int, title = s.title,"
              + " abstract = s.abstract, authors = s.authors, authors_parsed = s.authors_parsed,"
              + " primary_category = s.primary_category, categories = s.categories, comments = s.comments,"
              + " journal_ref = s.journal_ref, doi = s.doi, report_no = s.report_no, license = s.license,"
              + " submitter = s.submitter, first_submitted = s.first_submitted, last_updated = s.last_updated,"
              + " announced_on = s.announced_on, content_hash = s.content_hash, change_seq = " + changeSeq
              + " FROM paper_staging s WHERE p.id = s.id AND s.action = 'update'");
        }
      }
      // versions of every paper whose record differed, even an older one: its history still counts
      s.executeUpdate("INSERT INTO paper_versions (paper_id, version, submitted_at, size)"
          + " SELECT v.paper_id, v.version, v.submitted_at, v.size FROM paper_version_staging v"
          + " JOIN paper_staging s ON s.id = v.paper_id WHERE s.action <> 'same'"
          + " ON CONFLICT (paper_id, version) DO NOTHING");
      s.execute("TRUNCATE paper_staging, paper_version_staging");
      return new PaperStore.UpsertCounts(inserted, updated, unchanged);
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** Rows in COPY's text format: tab between columns, {@code \N} for null, backslash escapes. */
  private static final class CopyText {
    private final StringBuilder b;

    CopyText(int capacity) {
      b = new StringBuilder(capacity);
    }

    void row(String... columns) {
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) b.append('\t');
        String c = columns[i];
        if (c == null) {
          b.append("\\N");
          continue;
        }
        for (int j = 0; j < c.length(); j++) {
          char ch = c.charAt(j);
          switch (ch) {
            case '\\' -> b.append("\\\\");
            case '\t' -> b.append("\\t");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            default -> b.append(ch);
          }
        }
      }
      b.append('\n');
    }

    ByteArrayInputStream stream() {
      return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
