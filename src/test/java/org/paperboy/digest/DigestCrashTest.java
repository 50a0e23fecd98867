package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.mail.Claims;
import org.paperboy.support.ChildJvm;

/**
 * 1,000 subscribers, a real `digest run` process killed twice with SIGKILL — once while composing
 * and queueing, once in the middle of sending — then run again: every subscriber holds exactly one
 * digest for the period.
 */
class DigestCrashTest {
  static final int SUBSCRIBERS = 1_000;

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @StoreKinds
  void killedWhileQueueingAndWhileSendingEverySubscriberGetsExactlyOneDigest(String kind) throws Exception {
    Path data = dir.resolve("data");
    String url = TestDatabases.freshUrl(kind, dir);
    Path[] files = DigestWorld.files();
    try (Paperboy app = Paperboy.open(new Config(data, url))) {
      app.snapshotImporter().importFile(files[0], true, false, r -> {});
      app.dailyFeedImporter().importFile(files[1], r -> {});
      app.database().jdbi().useTransaction(h -> {
        var batch = h.prepareBatch("INSERT INTO subscriptions (email, frequency, weekday, send_hour, time_zone, categories,"
            + " keywords, interest, excluded, status, permanent_failures, created_at)"
            + " VALUES (:e, 'daily', 1, 8, :tz, '', '', '', '', 'active', 0, '2025-03-01T00:00:00Z')");
        for (int i = 0; i < SUBSCRIBERS; i++) {
          batch.bind("e", "reader" + i + "@example.org").bind("tz", i % 2 == 0 ? "UTC" : "Europe/Berlin").add();
        }
        batch.execute();
      });
    }
    Path log = dir.resolve("child.log");

    // 1. killed while composing and queueing: some periods decided, nothing sent yet
    Process queueing = start(log, data, url, smtp.getSmtp().getPort());
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
        .until(() -> !queueing.isAlive() || runs(url) >= DigestRunner.CHUNK);
    assertThat(queueing.isAlive()).as("still queueing when killed; log:%n%s", read(log)).isTrue();
    ChildJvm.kill9(queueing);
    long decided = runs(url);
    assertThat(decided).as("killed between two chunks of the queueing").isBetween((long) DigestRunner.CHUNK, SUBSCRIBERS - 1L);

    // 2. killed in the middle of sending: the 400th message's DATA never reaches the server
    Process[] sending = new Process[1];
    try (KillingSmtpProxy proxy = new KillingSmtpProxy(smtp.getSmtp().getPort(), 400, () -> {
      try {
        ChildJvm.kill9(sending[0]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    })) {
      sending[0] = start(log, data, url, proxy.port());
      assertThat(ChildJvm.exitCode(sending[0], Duration.ofMinutes(5), log)).as("killed by the proxy").isNotZero();
    }
    int deliveredBeforeKill = smtp.getReceivedMessages().length;
    assertThat(deliveredBeforeKill).as("log:%n%s", read(log)).isEqualTo(399);

    // 3. the same command again, twice: finishes the job, doubles nothing. The killed sender's claim
    //    on the mail it was sending lasts 2 s; after that the restart may send it.
    await().atMost(Duration.ofSeconds(30)).until(() -> Claims.noneHeld(url));
    for (int i = 0; i < 2; i++) {
      Process rerun = start(log, data, url, smtp.getSmtp().getPort());
      assertThat(ChildJvm.exitCode(rerun, Duration.ofMinutes(5), log)).as("log:%n%s", read(log)).isZero();
    }
    Map<String, Integer> perRecipient = new HashMap<>();
    List<String> messageIds = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      perRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
      messageIds.add(m.getMessageID());
    }
    assertThat(perRecipient).hasSize(SUBSCRIBERS);
    assertThat(perRecipient.values()).containsOnly(1);
    assertThat(messageIds).doesNotHaveDuplicates();
  }

  private static Process start(Path log, Path data, String url, int smtpPort) throws Exception {
    return ChildJvm.start(log, "digest", "run", "--at", "2025-04-02T12:00:00Z", "--data", data.toString(), "--db", url,
        "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(smtpPort), "--smtp-starttls", "false",
        "--mail-rate", "10000", "--mail-lease", "2", "--public-url", "https://papers.example");
  }

  private static long runs(String url) {
    return TestDatabases.count(url, "SELECT COUNT(*) FROM digest_runs");
  }

  private static String read(Path log) throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
