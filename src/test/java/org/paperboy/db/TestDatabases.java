package org.paperboy.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The stores every store test runs against: a fresh SQLite file always, and a fresh schema on the
 * PostgreSQL server named by {@code PAPERBOY_TEST_PG_URL} (which {@code .ci/run} starts). On CI a
 * missing server is an error, not a skip, so "the same tests run on both" cannot silently lapse.
 */
public final class TestDatabases {
  public static final String PG_URL_ENV = "PAPERBOY_TEST_PG_URL";

  private TestDatabases() {}

  /**
   * The kinds a store test runs against ({@link StoreKinds}): {@code "sqlite"} and {@code "postgresql"}.
   * Without a PostgreSQL server this fails every store test, loudly, instead of quietly running half
   * of them; {@code -Dpaperboy.test.stores=sqlite} (or {@code PAPERBOY_TEST_STORES=sqlite}) asks for
   * SQLite only, on purpose.
   */
  public static Stream<String> kinds() {
    if (postgresUrl() != null) return Stream.of("sqlite", "postgresql");
    String only = System.getProperty("paperboy.test.stores", System.getenv("PAPERBOY_TEST_STORES"));
    if ("sqlite".equals(only)) return Stream.of("sqlite");
    throw new IllegalStateException(PG_URL_ENV + " is not set, so the PostgreSQL half of this store test cannot run:"
        + " export " + PG_URL_ENV + "=$(.ci/start-postgres) first (./run-tests does),"
        + " or pass -Dpaperboy.test.stores=sqlite to run it on SQLite only");
  }

  /**
   * A fresh PostgreSQL store for a test that only means something there (several processes sharing one
   * server). Like a {@link StoreKinds} test it fails without the server, and is skipped only when
   * {@code -Dpaperboy.test.stores=sqlite} asked for SQLite alone.
   */
  public static String freshPostgresUrl(Path dir) {
    org.junit.jupiter.api.Assumptions.assumeTrue(kinds().anyMatch("postgresql"::equals),
        "PostgreSQL left out on purpose (paperboy.test.stores=sqlite)");
    return freshUrl("postgresql", dir);
  }

  public static String postgresUrl() {
    String url = System.getenv(PG_URL_ENV);
    return url == null || url.isBlank() ? null : url;
  }

  /** A JDBC URL for an empty store of this kind; SQLite files go under {@code dir}. */
  public static String freshUrl(String kind, Path dir) {
    return switch (kind) {
      case "sqlite" -> {
        try {
          Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
        yield "jdbc:sqlite:" + dir.resolve("test-" + UUID.randomUUID() + ".db");
      }
      case "postgresql" -> freshPostgresSchema();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /**
   * One number from a store another process is writing, over a plain JDBC connection: no pool, no
   * migrations, so polling it stays cheap and never contends with the writer.
   */
  public static long count(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      return 0; // the schema may not exist yet
    }
  }

  public static Database open(String kind, Path dir) {
    return Database.open(freshUrl(kind, dir));
  }

  private static String freshPostgresSchema() {
    String base = postgresUrl();
    if (base == null) throw new IllegalStateException(PG_URL_ENV + " is not set");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test schema on " + base + ": " + e.getMessage(), e);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
