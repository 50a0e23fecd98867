package org.paperboy.db;

import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V61, owned by this package ({@link StoreChanges}): one number per table that what every page
 * shows depends on, raised by a trigger in the writer's transaction on every insert, update and delete,
 * so no code path can forget to count. Page caches on every node of a cluster compare these numbers
 * instead of counting the tables, so checking costs the same at 100 rows and at 10 million.
 *
 * <p>The two databases say triggers differently, so this one migration of the numbered sequence is code:
 * it runs the statements of the store's dialect. On PostgreSQL each write also tells the other nodes
 * (NOTIFY is delivered when the transaction commits, never before, and never for one that rolls back),
 * and so does every paper write (it raises paper_change_counter), so each node's search index follows at
 * once; the payload names the schema, as several stores may share one database. One process serves an
 * SQLite store, so nobody else needs telling there.
 */
final class ChangeCounters implements JavaMigration {
  /** The counted tables; for accounts only a change of what pages show (profile_version) counts. */
  private static final List<String> COUNTED = List.of("votes", "comments", "daily_entries", "accounts");

  private final List<String> statements;

  ChangeCounters(Database.Dialect dialect) {
    List<String> table = Stream.concat(Stream.of("CREATE TABLE change_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)"),
        COUNTED.stream().map(t -> "INSERT INTO change_counters (name, value) VALUES ('" + t + "', 0)")).toList();
    List<String> triggers = switch (dialect) {
      case SQLITE -> sqlite();
      case POSTGRESQL -> postgresql();
    };
    this.statements = Stream.concat(table.stream(), triggers.stream()).toList();
  }

  private static String event(String table, String op) {
    return table.equals("accounts") && !op.equals("INSERT") ? "UPDATE OF profile_version" : op;
  }

  private static List<String> sqlite() {
    return COUNTED.stream().flatMap(table -> Stream.of("INSERT", "UPDATE", "DELETE")
        .filter(op -> !table.equals("accounts") || op.equals("UPDATE"))
        .map(op -> "CREATE TRIGGER " + table + "_" + op.toLowerCase(Locale.ROOT) + "_counted AFTER " + event(table, op)
            + " ON " + table + " BEGIN UPDATE change_counters SET value = value + 1 WHERE name = '" + table + "'; END"))
        .toList();
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
    Stream<String> counted = COUNTED.stream().map(table -> "CREATE TRIGGER " + table + "_counted AFTER "
        + (table.equals("accounts") ? "UPDATE OF profile_version" : "INSERT OR UPDATE OR DELETE") + " ON " + table
        + " FOR EACH STATEMENT EXECUTE FUNCTION paperboy_count_change()");
    Stream<String> papers = Stream.of("CREATE TRIGGER papers_told AFTER UPDATE ON paper_change_counter"
        + " FOR EACH STATEMENT EXECUTE FUNCTION paperboy_tell_change()");
    return Stream.of(functions.stream(), counted, papers).flatMap(s -> s).toList();
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("61");
  }

  @Override
  public String getDescription() {
    return "change counters";
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
