package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.support.ChildJvm;

/**
 * kill -9 of a real importing process, twice, then the same command again: the store equals one clean
 * run. Over the first 30,000 records of the real cs archive: hundreds of batches, so a kill lands
 * mid-stream, at 40% of what the whole 75k archive cost (imported four times per store).
 */
class SnapshotImportCrashTest {
  static final int RECORDS = 30_000;

  @TempDir Path dir;

  @StoreKinds
  void anImportKilledMidwayAndRerunEndsExactlyAsOneCleanRun(String kind) throws Exception {
    Path file = firstRecords(dir.resolve("cs-head.jsonl"), RECORDS);
    Path crashed = dir.resolve("crashed");
    String crashedUrl = kind.equals("sqlite") ? Database.defaultUrl(crashed) : TestDatabases.freshUrl(kind, dir);
    Path log = dir.resolve("child.log");

    for (long killAt : List.of(3_000L, 15_000L)) {
      Process child = ChildJvm.start(log, "import", file.toString(), "--data", crashed.toString(), "--db", crashedUrl);
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
          .until(() -> !child.isAlive() || papersIn(crashedUrl) >= killAt);
      assertThat(child.isAlive()).as("the import should still be running when killed at %d papers; log:%n%s",
          killAt, Files.exists(log) ? Files.readString(log) : "").isTrue();
      ChildJvm.kill9(child);
      assertThat(papersIn(crashedUrl)).as("killed mid-import").isBetween(killAt, RECORDS - 1L);
    }

    Process rerun = ChildJvm.start(log, "import", file.toString(), "--data", crashed.toString(), "--db", crashedUrl);
    assertThat(rerun.waitFor(5, TimeUnit.MINUTES)).as("the re-run finished within 5 minutes").isTrue();
    assertThat(rerun.exitValue()).as("the re-run's exit code; log:%n%s", Files.readString(log)).isZero();

    String cleanUrl = TestDatabases.freshUrl(kind, dir.resolve("clean"));
    try (Paperboy app = Paperboy.open(new Config(dir.resolve("clean"), cleanUrl))) {
      app.snapshotImporter().importFile(file, true, false, r -> {});
    }
    assertThat(fingerprint(crashedUrl)).isEqualTo(fingerprint(cleanUrl));
    assertThat(papersIn(crashedUrl)).isEqualTo(RECORDS); // one paper a record in this archive
  }

  /** The first {@code records} lines of the real cs archive, as a file of their own. */
  static Path firstRecords(Path out, int records) throws java.io.IOException {
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
        Files.newInputStream(TestData.path("arxiv/cs-2025-2026.jsonl.gz"))), java.nio.charset.StandardCharsets.UTF_8))) {
      return Files.write(out, in.lines().limit(records).toList());
    }
  }

  static long papersIn(String url) {
    if (url.startsWith("jdbc:sqlite:") && !Files.exists(Path.of(url.substring("jdbc:sqlite:".length())))) return 0;
    return TestDatabases.count(url, "SELECT COUNT(*) FROM papers");
  }

  /** Every stored field but the write number, which legitimately differs between the two histories. */
  static List<String> fingerprint(String url) {
    try (Database db = Database.open(url)) {
      return db.jdbi().withHandle(h -> {
        List<String> rows = new java.util.ArrayList<>(h.createQuery(
                "SELECT id || '|' || latest_version || '|' || content_hash || '|' || title || '|' || abstract"
                    + " || '|' || authors_parsed || '|' || categories || '|' || COALESCE(announced_on, '') FROM papers ORDER BY id")
            .mapTo(String.class).list());
        rows.addAll(h.createQuery("SELECT paper_id || '|' || version || '|' || COALESCE(submitted_at, '') FROM paper_versions"
                + " ORDER BY paper_id, version").mapTo(String.class).list());
        return rows;
      });
    }
  }
}
