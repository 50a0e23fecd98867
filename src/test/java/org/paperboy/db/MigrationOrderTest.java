package org.paperboy.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.support.Refusal;

/**
 * Migrations run in one numbered sequence ({@code outOfOrder} off), so a store that already ran every
 * landed migration must take each new one on top of them: a new migration numbered below a landed one
 * would make such a store refuse to open.
 */
class MigrationOrderTest {
  /**
   * The versions on main, which existing stores may already have run. When a migration lands on main,
   * add its number here; never renumber one of these.
   */
  private static final Set<String> LANDED = Set.of("1", "2", "3", "4", "5", "6", "6.1", "7", "8", "20", "21", "30", "31",
      "32", "40", "60", "61", "62", "63", "64");
  private static final Pattern NAME = Pattern.compile("V([0-9_.]+)__.+\\.sql");

  @TempDir Path dir;

  @Test
  void everyNewMigrationIsNumberedAboveEveryLandedOne() throws Exception {
    BigDecimal highestLanded = LANDED.stream().map(BigDecimal::new).max(BigDecimal::compareTo).orElseThrow();
    List<String> versions = allVersions();
    assertThat(versions).as("every landed migration still exists under its number").containsAll(LANDED);
    for (String v : versions) {
      if (LANDED.contains(v)) continue;
      assertThat(new BigDecimal(v))
          .as("V%s is new but numbered below V%s, which stores already ran: renumber it above %s", v,
              highestLanded.toPlainString(), highestLanded.toPlainString())
          .isGreaterThan(highestLanded);
    }
  }

  @StoreKinds
  void aStoreThatRanEveryLandedMigrationOpensWithThisBuild(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind, dir);
    Path landed = Files.createDirectories(dir.resolve("landed"));
    for (Path file : migrationFiles()) {
      if (LANDED.contains(version(file))) Files.copy(file, landed.resolve(file.getFileName()));
    }
    try (HikariDataSource ds = dataSource(url)) {
      Database.migrations(ds, Database.Dialect.of(url)).locations("filesystem:" + landed)
          .javaMigrations(Database.codeMigrations(Database.Dialect.of(url)).stream()
              .filter(m -> LANDED.contains(m.getVersion().getVersion())).toArray(JavaMigration[]::new))
          .load().migrate();
    }

    try (Database db = Database.open(url); HikariDataSource ds = dataSource(url)) {
      MigrationInfo[] all = Database.migrations(ds, db.dialect()).load().info().all();
      assertThat(Stream.of(all).map(i -> i.getVersion().getVersion())).containsAll(LANDED).hasSize(allVersions().size());
      assertThat(Stream.of(all).filter(i -> !i.getState().isApplied()).map(i -> i.getScript())).as("not applied").isEmpty();
    }
  }

  @Test
  void aMigrationNumberedBelowOneTheStoreRanIsRefusedInOneLineNotRunOutOfOrder() throws Exception {
    // as if V40 were new while the store already ran V60: the store is ahead of it
    String url = TestDatabases.freshUrl("sqlite", dir);
    Path withoutV40 = Files.createDirectories(dir.resolve("without-v40"));
    for (Path file : migrationFiles()) {
      if (!version(file).equals("40")) Files.copy(file, withoutV40.resolve(file.getFileName()));
    }
    try (HikariDataSource ds = dataSource(url)) {
      Database.migrations(ds, Database.Dialect.SQLITE).locations("filesystem:" + withoutV40).load().migrate();
    }

    Refusal refused = catchThrowableOfType(Refusal.class, () -> Database.open(url).close());

    assertThat(refused).as("opening a store that ran V60 with a build whose V40 is new").isNotNull();
    assertThat(refused.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE);
    assertThat(refused.getMessage()).doesNotContain("\n").startsWith("cannot bring the database").contains("40")
        .endsWith("must be numbered above every one the store already ran");
    try (HikariDataSource ds = dataSource(url)) {
      assertThat(Stream.of(Database.migrations(ds, Database.Dialect.SQLITE).load().info().all())
          .filter(i -> i.getVersion().getVersion().equals("40")).map(i -> i.getState().isApplied())).containsExactly(false);
    }
  }

  private static HikariDataSource dataSource(String url) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(url);
    ds.setMaximumPoolSize(2); // Flyway holds a second connection for its lock on PostgreSQL
    return ds;
  }

  private static List<Path> migrationFiles() throws IOException, URISyntaxException {
    Path folder = Path.of(Database.class.getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
    }
  }

  /** The versions of every migration: files, and those written as code (the same on both stores). */
  private static List<String> allVersions() throws IOException, URISyntaxException {
    return Stream.concat(migrationFiles().stream().map(MigrationOrderTest::version),
        Database.codeMigrations(Database.Dialect.SQLITE).stream().map(m -> m.getVersion().getVersion())).toList();
  }

  private static String version(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) throw new IllegalArgumentException(file.toString());
    return m.group(1).replace('_', '.');
  }
}
