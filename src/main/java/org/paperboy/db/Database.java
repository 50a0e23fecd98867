package org.paperboy.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.support.DiskFull;
import org.paperboy.support.PrivateFiles;
import org.paperboy.support.Refusal;

/**
 * The one connection to the store: an embedded SQLite file (default) or a PostgreSQL server.
 * Opening it applies every feature's Flyway migrations, so a caller always sees the current schema.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String url;

  private Database(HikariDataSource dataSource, Dialect dialect, String url) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.url = url;
    this.jdbi = Jdbi.create(dataSource);
  }

  /** The default store when no JDBC URL is given: {@code DIR/paperboy.db}. */
  public static String defaultUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("paperboy.db");
  }

  public static Database open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("paperboy");
    if (dialect == Dialect.SQLITE) {
      sqliteFile(jdbcUrl).ifPresent(Database::createPrivately);
      // WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes
      // (kill -9), which is the failure this store promises to survive.
      config.setMaximumPoolSize(4);
      config.setConnectionInitSql("PRAGMA busy_timeout=30000");
      // A 64 MiB page cache keeps the papers B-trees in memory during bulk imports (measured: see README).
      config.addDataSourceProperty("cache_size", "-65536");
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "NORMAL");
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("busy_timeout", "30000");
      // A transaction takes the write lock when it begins. A deferred one that reads and then writes
      // fails with SQLITE_BUSY_SNAPSHOT whenever another writer committed in between, and no busy
      // timeout can save it; an immediate one waits its turn instead. Plain reads need no transaction
      // and still run beside the writer.
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    } else {
      config.setMaximumPoolSize(8);
      // a server that is away answers no request: each waited 30 s for a connection (Hikari's default)
      // before failing; 5 s is still far more than a busy pool makes anyone wait
      config.setConnectionTimeout(5_000);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw unreachable(jdbcUrl, e);
    }
    try {
      migrate(dataSource, dialect, jdbcUrl);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource, dialect, jdbcUrl);
  }

  /** A database that cannot be opened: what was tried, and the driver's own reason, in one line. */
  private static Refusal unreachable(String jdbcUrl, RuntimeException e) {
    String reason = reasonOf(e);
    String hint = jdbcUrl.startsWith("jdbc:postgresql:") ? "; is PostgreSQL running there, and may this user connect?" : "";
    // SQLite says only "disk I/O error" when it cannot grow its shared-memory file on a full disk
    Path dir = sqliteFile(jdbcUrl).map(Path::toAbsolutePath).map(Path::getParent).orElse(null);
    if (dir != null && DiskFull.at(dir)) hint = "; the disk holding it is full: free some space and try again";
    return Refusal.unavailable("cannot open the database " + redacted(jdbcUrl) + ": " + reason + hint, e);
  }

  /** What the driver said, from the deepest cause that says anything: its first line (else the failure's kind). */
  static String reasonOf(Throwable failure) {
    String said = failure.getClass().getSimpleName();
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) said = c.getMessage().lines().findFirst().orElse(said);
    }
    return said;
  }

  /** The URL without its password, for messages and logs. */
  public static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }

  private static void migrate(HikariDataSource dataSource, Dialect dialect, String jdbcUrl) {
    try {
      migrations(dataSource, dialect).load().migrate();
    } catch (FlywayValidateException e) {
      String detail = e.getMessage().lines().filter(l -> l.startsWith("Detected")).findFirst().orElse(e.getMessage().lines().findFirst().orElse(""));
      throw Refusal.unavailable("cannot bring the database " + redacted(jdbcUrl) + " up to date (" + detail.strip()
          + "): this build's migrations must be numbered above every one the store already ran", e);
    }
  }

  /**
   * Every store applies the migrations in one numbered sequence, never out of order: a migration
   * added later is numbered above every one already landed (see {@code MigrationOrderTest}), so a
   * store that ran them all takes the new ones on top.
   */
  static FluentConfiguration migrations(javax.sql.DataSource dataSource, Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(codeMigrations(dialect).toArray(JavaMigration[]::new))
        .placeholders(dialect.placeholders())
        .outOfOrder(false);
  }

  /** The migrations the two databases say differently (triggers), written as code in the same sequence. */
  static List<JavaMigration> codeMigrations(Dialect dialect) {
    return List.of(new ChangeCounters(dialect));
  }

  /** The file an SQLite URL names; empty for in-memory and {@code file:} URLs and for other databases. */
  public static Optional<Path> sqliteFile(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:sqlite:")) return Optional.empty();
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = file.indexOf('?');
    if (query >= 0) file = file.substring(0, query);
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return Optional.empty();
    return Optional.of(Path.of(file).toAbsolutePath());
  }

  /**
   * The store file exists before SQLite opens it, readable by its owner only: SQLite gives its WAL and
   * shared-memory files the database file's mode, so the keys and addresses in them stay private too.
   */
  private static void createPrivately(Path file) {
    Path parent = file.getParent();
    if (!Files.isDirectory(parent)) PrivateFiles.directory(parent);
    PrivateFiles.file(file);
    for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
      PrivateFiles.restrict(file.resolveSibling(file.getFileName() + suffix));
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** For libraries that take a DataSource (the job scheduler); features use {@link #jdbi()}. */
  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** The two databases Paperboy speaks; SQL that differs between them is chosen here. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL;

    static Dialect of(String jdbcUrl) {
      if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
      if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
      String hint = jdbcUrl.startsWith("postgres") ? " (a JDBC URL: jdbc:postgresql://HOST:PORT/DB?user=U&password=P)" : "";
      throw Refusal.badInput("'" + redacted(jdbcUrl) + "' is not a database URL Paperboy speaks (--db, PAPERBOY_DB_URL):"
          + " use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB" + hint);
    }

    Map<String, String> placeholders() {
      return switch (this) {
        case SQLITE -> Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "blob", "BLOB");
        case POSTGRESQL -> Map.of("id_pk", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "blob", "BYTEA");
      };
    }
  }
}
