package org.paperboy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.community.Account;
import org.paperboy.community.Role;
import org.paperboy.db.Backup;
import org.paperboy.db.Database;
import org.paperboy.paper.Paper;
import org.paperboy.support.ChildJvm;

/**
 * docs/deploy.md's backup and restore, as written there: {@code paperboy backup DEST} while a real
 * {@code serve} takes votes, then the restore steps; the restored store passes SQLite's integrity
 * check and holds every vote acknowledged before the backup began.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BackupTest {
  private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path dir;

  @Test
  void aBackupTakenWhileServeWritesRestoresWithEveryAcknowledgedWrite() throws Exception {
    Path data = dir.resolve("data");
    List<String> sessions = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<Paper> papers;
    try (Paperboy app = Paperboy.open(new Config(data, null))) {
      app.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      papers = app.papers().changedAfter(0, "", 200).stream().map(sp -> sp.paper()).toList();
      for (int m = 0; m < 16; m++) {
        Account a = app.accounts().addOrSetRole("voter" + m + "@lab.example", Role.MEMBER);
        ids.add(a.id());
        sessions.add(app.signIn().sessionFor(a));
      }
    }
    Path log = dir.resolve("serve.log");
    Process serve = ChildJvm.start(log, "serve", "--data", data.toString(), "--port", "0", "--host", "127.0.0.1");
    try {
      int port = await().atMost(Duration.ofMinutes(2)).until(() -> {
        Matcher m = SERVING.matcher(Files.exists(log) ? Files.readString(log) : "");
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
      }, p -> p > 0);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      long stopAt = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      boolean[] stop = {false};
      List<Thread> writers = new ArrayList<>();
      for (int m = 0; m < sessions.size(); m++) {
        int member = m;
        writers.add(Thread.ofVirtual().start(() -> {
          try (Client c = new Client()) {
            c.cookie("pb_session", sessions.get(member));
            // the page gives the CSRF token; a loaded machine may let a first request time out: ask again
            await().atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(java.io.IOException.class)
                .until(() -> c.get("http://127.0.0.1:" + port + "/papers/" + papers.getFirst().id().value()).statusCode() == 200);
            for (int i = 0; !stop[0] && System.nanoTime() < stopAt && i < papers.size(); i++) {
              String paper = papers.get((member * 13 + i) % papers.size()).id().value();
              try {
                HttpResponse<String> r = c.post("http://127.0.0.1:" + port + "/vote", Map.of("paper", paper));
                if (r.statusCode() == 200) acknowledged.add(ids.get(member) + ":" + paper);
                if (r.statusCode() == 429) Thread.sleep(250);
              } catch (java.io.IOException e) {
                // no answer (a loaded machine): not acknowledged, so not promised
              }
            }
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }));
      }
      await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 100);
      Set<String> beforeBackup = new HashSet<>(acknowledged);
      Path backup = dir.resolve("backups/paperboy-backup.db");
      Process run = ChildJvm.start(dir.resolve("backup.log"), "backup", backup.toString(), "--data", data.toString());
      assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("backup finished").isTrue();
      String out = Files.readString(dir.resolve("backup.log"));
      assertThat(run.exitValue()).as("backup's exit code; output:%n%s", out).isZero();
      assertThat(out).contains("integrity check: ok");
      int duringBackup = acknowledged.size() - beforeBackup.size();
      stop[0] = true;
      for (Thread w : writers) w.join();

      // the guide's restore: a fresh data directory holding the backup as its store
      Path restored = dir.resolve("restored");
      Files.createDirectories(restored);
      Files.copy(backup, restored.resolve("paperboy.db"));
      assertThat(Backup.check(restored.resolve("paperboy.db")).integrity()).isEqualTo("ok");
      try (Database db = Database.open(Database.defaultUrl(restored))) {
        Set<String> votes = new HashSet<>(db.jdbi().withHandle(h -> h.createQuery(
            "SELECT account_id || ':' || paper_id FROM votes").mapTo(String.class).list()));
        assertThat(votes).as("votes acknowledged before the backup began").containsAll(beforeBackup);
        long papersRestored = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one());
        assertThat(papersRestored).isEqualTo(200L);
      }
      assertThat(duringBackup).as("serve kept taking votes while the backup ran").isGreaterThanOrEqualTo(0);
    } finally {
      serve.destroy();
      if (!serve.waitFor(20, TimeUnit.SECONDS)) ChildJvm.kill9(serve);
    }
  }

  @Test
  void aPostgresqlStoreIsReferredToPgDumpInOneLine() {
    var run = org.paperboy.cli.CliRun.of("backup", dir.resolve("x.db").toString(), "--data", dir.toString(),
        "--db", org.paperboy.db.TestDatabases.freshPostgresUrl(dir));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("pg_dump");
  }
}
