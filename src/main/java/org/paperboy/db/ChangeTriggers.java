package org.paperboy.db;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 41.1, the second half of V41 (change_counters): triggers that raise a table's counter in
 * the writer's transaction on every insert, update and delete, so no code path can forget to count.
 * The two databases say triggers differently, so this one migration of the numbered sequence is code:
 * it runs the statements of the store's dialect. On PostgreSQL each write also tells the other nodes
 * (NOTIFY is delivered when the transaction commits, never before, and never for one that rolls back),
 * and so does every paper write (it raises paper_change_counter), so each node's search index follows
 * at once; the payload names the schema, as several stores may share one database. One process serves
 * an SQLite store, so nobody else needs telling there.
 */
final class ChangeTriggers implements JavaMigration {
  /** The tables whose counters V41 created. */
  private static final List<String> COUNTED = List.of("votes", "comments", "daily_entries");

  private final List<String> statements;

  ChangeTriggers(Database.Dialect dialect) {
    this.statements = switch (dialect) {
      case SQLITE -> sqlite();
      case POSTGRESQL -> postgresql();
    };
  }

  private static List<String> sqlite() {
    return COUNTED.stream().flatMap(table -> List.of("INSERT", "UPDATE", "DELETE").stream().map(op ->
        "CREATE TRIGGER " + table + "_" + op.toLowerCase(java.util.Locale.ROOT) + "_counted AFTER " + op + " ON " + table
            + " BEGIN UPDATE change_counters SET value = value + 1 WHERE name = '" + table + "'; END")).toList();
  }

  private static List<String> postgresql() {
    List<String> functions = List.of("""
        CREATE FUNCTION paperboy_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE change_counters SET value = value + 1 WHERE name = TG_TABLE_NAME;
          PERFORM pg_notify('paperboy_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
          RETURN NULL;
        END $$""", """
        CREATE FUNCTION paperboy_tell_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('paperboy_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
          RETURN NULL;
        END $$""");
    List<String> counted = COUNTED.stream().map(table -> "CREATE TRIGGER " + table + "_counted AFTER INSERT OR UPDATE OR DELETE ON "
        + table + " FOR EACH STATEMENT EXECUTE FUNCTION paperboy_count_change()").toList();
    String papers = "CREATE TRIGGER papers_told AFTER UPDATE ON paper_change_counter"
        + " FOR EACH STATEMENT EXECUTE FUNCTION paperboy_tell_change()";
    return java.util.stream.Stream.of(functions, counted, List.of(papers)).flatMap(List::stream).toList();
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("41.1");
  }

  @Override
  public String getDescription() {
    return "change triggers";
  }

  @Override
  public Integer getChecksum() {
    return statements.hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement s = context.getConnection().createStatement()) {
      for (String sql : statements) s.execute(sql);
    }
  }
}
