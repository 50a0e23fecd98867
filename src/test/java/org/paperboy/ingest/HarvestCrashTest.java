package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.fake.OaiFiles;
import org.paperboy.support.ChildJvm;

/**
 * A real {@code paperboy harvest} process, killed with SIGKILL between two pages, then run again:
 * the second run must resume at the checkpoint's token, and the store must end exactly as after
 * one clean run.
 */
class HarvestCrashTest {
  @TempDir Path dir;

  @StoreKinds
  void aHarvestKilledBetweenPagesResumesFromItsCheckpointAndEndsLikeOneCleanRun(String kind) throws Exception {
    String crashedUrl = TestDatabases.freshUrl(kind, dir.resolve("crashed"));
    String cleanUrl = TestDatabases.freshUrl(kind, dir.resolve("clean"));
    AtomicReference<Process> harvester = new AtomicReference<>();
    AtomicBoolean killAtPage2 = new AtomicBoolean(true);
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain)) {
      server.onRequest(hit -> {
        if (killAtPage2.get() && OaiFiles.RAW_TOKEN.equals(hit.param("resumptionToken"))) {
          // Page 1 is committed (the harvester asks for page 2 only after that); kill before answering.
          try {
            ChildJvm.kill9(harvester.get());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });

      Path crashLog = dir.resolve("crash.log");
      harvester.set(start(server, dir.resolve("crashed"), crashedUrl, crashLog));
      // a child's start, migrations and first page take long on a loaded machine: the usual child limit, not less
      assertThat(ChildJvm.exitCode(harvester.get(), ChildJvm.RUN_LIMIT, crashLog)).as("exit code of a SIGKILLed JVM\n"
          + Files.readString(crashLog)).isEqualTo(137);
      assertThat(server.hits()).hasSize(2);
      try (Database db = Database.open(crashedUrl)) {
        HarvestCheckpoint c = new HarvestCheckpoints(db).all().getFirst();
        assertThat(c.resumptionToken()).as("the checkpoint committed with page 1").isEqualTo(OaiFiles.RAW_TOKEN);
        assertThat(rows(db, "SELECT id FROM papers")).hasSize(6);
      }

      killAtPage2.set(false);
      Path resumeLog = dir.resolve("resume.log");
      assertThat(run(server, dir.resolve("crashed"), crashedUrl, resumeLog)).as(Files.readString(resumeLog)).isZero();
      assertThat(server.hits()).hasSize(3);
      assertThat(server.hits().get(2).query()).as("the re-run resumes at the checkpoint's token")
          .isEqualTo(Map.of("verb", "ListRecords", "resumptionToken", OaiFiles.RAW_TOKEN));
      assertThat(Files.readString(resumeLog)).contains("resuming the harvest");

      Path cleanLog = dir.resolve("clean.log");
      assertThat(run(server, dir.resolve("clean"), cleanUrl, cleanLog)).as(Files.readString(cleanLog)).isZero();
      assertThat(Files.readString(cleanLog)).contains("pages 2, records 7: inserted 7");

      try (Database crashed = Database.open(crashedUrl); Database clean = Database.open(cleanUrl)) {
        for (String sql : List.of(
            "SELECT id, latest_version, title, abstract, authors, authors_parsed, primary_category, categories, comments,"
                + " journal_ref, doi, report_no, license, submitter, first_submitted, last_updated, announced_on,"
                + " content_hash FROM papers ORDER BY id",
            "SELECT paper_id, version, submitted_at, size FROM paper_versions ORDER BY paper_id, version",
            "SELECT metadata_format, set_spec, run_from, resumption_token, run_response_date, next_from, pages, records"
                + " FROM harvest_checkpoints")) {
          List<Map<String, Object>> expected = rows(clean, sql);
          assertThat(expected).isNotEmpty();
          assertThat(rows(crashed, sql)).as(sql).isEqualTo(expected);
        }
        assertThat(rows(crashed, "SELECT id FROM papers")).hasSize(7);
        assertThat(rows(crashed, "SELECT paper_id FROM paper_versions")).hasSize(14);
      }
    }
  }

  private static List<Map<String, Object>> rows(Database db, String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list());
  }

  private static int run(FakeArxiv server, Path data, String dbUrl, Path log) throws Exception {
    return ChildJvm.exitCode(start(server, data, dbUrl, log), ChildJvm.RUN_LIMIT, log);
  }

  /** {@code paperboy harvest} in its own JVM, with the test's class path. */
  private static Process start(FakeArxiv server, Path data, String dbUrl, Path log) throws IOException {
    return ChildJvm.start(log, "harvest", "--endpoint", server.oai().toString(), "--data", data.toString(),
        "--db", dbUrl, "--request-interval", "PT0.2S");
  }
}
