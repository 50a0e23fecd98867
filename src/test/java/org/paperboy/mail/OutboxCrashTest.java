package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.support.ChildJvm;

/** A real process killed (SIGKILL) after accepting a mail and before the SMTP hand-off: after restart it arrives once. */
class OutboxCrashTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @StoreKinds
  void aMailAcceptedBeforeACrashArrivesExactlyOnceAfterRestart(String kind) throws Exception {
    Path data = dir.resolve("data");
    String url = kind.equals("sqlite") ? Database.defaultUrl(data) : TestDatabases.freshUrl(kind, dir);
    Path log = dir.resolve("child.log");
    // An SMTP server that accepts the connection and never answers: the child is stuck before the hand-off.
    try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread.ofVirtual().start(() -> {
        try {
          while (true) held.add(blackHole.accept());
        } catch (IOException closed) {
          // test over
        }
      });
      Process child = ChildJvm.start(log, "mail", "test", "ada@example.org", "--data", data.toString(), "--db", url, "--mail-lease", "2",
          "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(blackHole.getLocalPort()), "--smtp-starttls", "false");
      await().atMost(Duration.ofMinutes(3)).until(() -> !child.isAlive() || queued(data, url) == 1 && !held.isEmpty());
      assertThat(child.isAlive()).as("child should be stuck talking to the silent server; log:%n%s", read(log)).isTrue();
      ChildJvm.kill9(child);
    }
    assertThat(smtp.getReceivedMessages()).isEmpty();

    String port = String.valueOf(smtp.getSmtp().getPort());
    // the killed sender's claim on the mail lasts 2 s; after that a restart may send it
    await().atMost(Duration.ofSeconds(30)).until(() -> Claims.noneHeld(url));
    for (int run = 0; run < 2; run++) {
      Process flush = ChildJvm.start(log, "mail", "flush", "--data", data.toString(), "--db", url,
          "--smtp-host", "127.0.0.1", "--smtp-port", port, "--smtp-starttls", "false");
      assertThat(ChildJvm.exitCode(flush, Duration.ofMinutes(3), log)).as("flush exit code; log:%n%s", read(log)).isZero();
    }
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Paperboy test mail");
  }

  private static long queued(Path data, String url) {
    if (url.startsWith("jdbc:sqlite:") && !Files.exists(data.resolve("paperboy.db"))) return 0;
    return TestDatabases.count(url, "SELECT COUNT(*) FROM mail_outbox");
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
