package org.paperboy.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/** The {@code harvest_checkpoints} table (migration {@code V2__ingest.sql}). */
public final class HarvestCheckpoints {
  private static final String COLUMNS = "endpoint, metadata_format, set_spec, run_from, resumption_token,"
      + " run_response_date, next_from, pages, records, updated_at";

  private final Jdbi jdbi;

  public HarvestCheckpoints(Database database) {
    this.jdbi = database.jdbi();
  }

  public Optional<HarvestCheckpoint> find(String endpoint, String format, String set) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM harvest_checkpoints"
            + " WHERE endpoint = :endpoint AND metadata_format = :format AND set_spec = :set")
        .bind("endpoint", endpoint).bind("format", format).bind("set", set)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** Every checkpoint, most recently written first (what {@code stats} shows). */
  public List<HarvestCheckpoint> all() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM harvest_checkpoints"
            + " ORDER BY updated_at DESC, endpoint, metadata_format, set_spec")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  /** Writes in a transaction of its own (for harvests whose data commits apart from it). */
  void save(HarvestCheckpoint c) {
    jdbi.useTransaction(h -> save(h, c));
  }

  /** Writes inside the caller's transaction: the one that also writes the page's papers. */
  void save(Handle handle, HarvestCheckpoint c) {
    handle.createUpdate("INSERT INTO harvest_checkpoints (" + COLUMNS + ") VALUES (:endpoint, :format, :set, :runFrom,"
            + " :token, :runResponseDate, :nextFrom, :pages, :records, :updatedAt)"
            + " ON CONFLICT (endpoint, metadata_format, set_spec) DO UPDATE SET run_from = excluded.run_from,"
            + " resumption_token = excluded.resumption_token, run_response_date = excluded.run_response_date,"
            + " next_from = excluded.next_from, pages = excluded.pages, records = excluded.records,"
            + " updated_at = excluded.updated_at")
        .bind("endpoint", c.endpoint())
        .bind("format", c.format())
        .bind("set", c.set())
        .bind("runFrom", text(c.runFrom()))
        .bind("token", c.resumptionToken())
        .bind("runResponseDate", text(c.runResponseDate()))
        .bind("nextFrom", text(c.nextFrom()))
        .bind("pages", c.pages())
        .bind("records", c.records())
        .bind("updatedAt", c.updatedAt().toString())
        .execute();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static HarvestCheckpoint map(ResultSet rs) throws SQLException {
    String runFrom = rs.getString("run_from"), started = rs.getString("run_response_date"), next = rs.getString("next_from");
    return new HarvestCheckpoint(rs.getString("endpoint"), rs.getString("metadata_format"), rs.getString("set_spec"),
        runFrom == null ? null : LocalDate.parse(runFrom), rs.getString("resumption_token"),
        started == null ? null : Instant.parse(started), next == null ? null : LocalDate.parse(next),
        rs.getLong("pages"), rs.getLong("records"), Instant.parse(rs.getString("updated_at")));
  }
}
