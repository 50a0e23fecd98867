package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.bench.LoopbackSmtpServer;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;

class OutboxTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  static MailSettings settings(int port) {
    return new MailSettings("127.0.0.1", port, false, null, null, "digest@paperboy.example", 1000, 3, Duration.ZERO,
        Duration.ofMinutes(2));
  }

  @StoreKinds
  void deliversBothPartsWithHeadersAndAStableMessageIdOnce(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      OutgoingMail mail = new OutgoingMail("digest:1:2026-11-29", "ada@example.org", "Today: Attention <is> all",
          "Plain text & more", "<p>HTML &amp; more</p>",
          Map.of("List-Unsubscribe", "<https://paperboy.example/u/abc>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
      assertThat(outbox.enqueue(mail)).isTrue();
      assertThat(outbox.enqueue(mail)).as("the same key is never queued twice").isFalse();

      try (OutboxSender sender = new OutboxSender(outbox, new SmtpTransport(settings(smtp.getSmtp().getPort())),
          settings(smtp.getSmtp().getPort()), m -> {})) {
        assertThat(sender.flush()).isEqualTo(1);
        assertThat(sender.flush()).isZero();
      }
      MimeMessage[] received = smtp.getReceivedMessages();
      assertThat(received).hasSize(1);
      MimeMessage m = received[0];
      assertThat(m.getSubject()).isEqualTo("Today: Attention <is> all");
      assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
      assertThat(m.getContentType()).startsWith("multipart/alternative");
      Multipart parts = (Multipart) m.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
      assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
      assertThat(m.getMessageID()).endsWith("@paperboy.example>");
      assertThat(outbox.counts()).containsEntry(Outbox.Status.SENT, 1L).containsEntry(Outbox.Status.PENDING, 0L);
    }
  }

  @StoreKinds
  void aTransientFailureIsRetriedWithTheSameMessageIdAndDeliveredOnce(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir); LoopbackSmtpServer server = new LoopbackSmtpServer(true, "451 try later")) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      outbox.enqueue(OutgoingMail.text("k1", "ada@example.org", "Hello", "Body"));
      MailSettings s = settings(server.port());
      try (OutboxSender sender = new OutboxSender(outbox, new SmtpTransport(s), s, m -> {})) {
        // the first attempt gets 451 and is rescheduled (zero delay here), the retry is accepted
        assertThat(sender.flush()).isEqualTo(1);
      }
      assertThat(server.accepted()).hasSize(1);
      assertThat(outbox.counts()).containsEntry(Outbox.Status.SENT, 1L);
    }
  }

  @StoreKinds
  void aPermanentFailureGivesUpAtOnceAndSaysSo(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir);
        LoopbackSmtpServer server = new LoopbackSmtpServer(true, "550 no such user", "550 no such user")) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      outbox.enqueue(OutgoingMail.text("k1", "nobody@example.org", "Hello", "Body"));
      MailSettings s = settings(server.port());
      List<QueuedMail> givenUp = new ArrayList<>();
      try (OutboxSender sender = new OutboxSender(outbox, new SmtpTransport(s), s, givenUp::add)) {
        assertThat(sender.flush()).isZero();
      }
      assertThat(givenUp).extracting(q -> q.mail().to()).containsExactly("nobody@example.org");
      assertThat(outbox.counts()).containsEntry(Outbox.Status.FAILED, 1L);
      assertThat(outbox.failures(10)).singleElement().asString().contains("550").contains("nobody@example.org");
      assertThat(server.accepted()).isEmpty();
    }
  }

  @StoreKinds
  void twoSendersNeverClaimTheSameMail(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      for (int i = 0; i < 20; i++) outbox.enqueue(OutgoingMail.text("k" + i, "a" + i + "@example.org", "s", "t"));
      List<QueuedMail> first = outbox.claimDue(15, Duration.ofMinutes(2));
      List<QueuedMail> second = outbox.claimDue(15, Duration.ofMinutes(2));
      assertThat(first).hasSize(15);
      assertThat(second).hasSize(5);
      assertThat(first).extracting(QueuedMail::id).doesNotContainAnyElementsOf(second.stream().map(QueuedMail::id).toList());
    }
  }
}
