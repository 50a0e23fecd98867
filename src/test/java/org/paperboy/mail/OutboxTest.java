package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.bench.LoopbackSmtpServer;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.support.MutableClock;

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
      assertThat(m.getMessageID()).endsWith("@paperboy.example>").isEqualTo(db.jdbi().withHandle(h ->
          h.createQuery("SELECT message_id FROM mail_outbox").mapTo(String.class).one()));
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
      assertThat(server.received()).as("the refused attempt and the accepted one").hasSize(2);
      String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT message_id FROM mail_outbox").mapTo(String.class).one());
      assertThat(server.received()).extracting(OutboxTest::messageId).containsExactly(stored, stored);
      assertThat(outbox.counts()).containsEntry(Outbox.Status.SENT, 1L);
    }
  }

  /** The README's schedule: retries after 1, 2, 4, … minutes, given up after the eighth attempt. */
  @StoreKinds
  void temporaryFailuresAreRetriedAfterOneTwoFourMinutesAndGivenUpAfterTheEighthAttempt(String kind) throws Exception {
    assertThat(MailSettings.FIRST_RETRY).isEqualTo(Duration.ofMinutes(1));
    assertThat(MailSettings.MAX_ATTEMPTS).isEqualTo(8);
    String[] tempFail = new String[MailSettings.MAX_ATTEMPTS];
    java.util.Arrays.fill(tempFail, "451 greylisted");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    try (Database db = TestDatabases.open(kind, dir); LoopbackSmtpServer server = new LoopbackSmtpServer(true, tempFail)) {
      Outbox outbox = new Outbox(db, clock, "digest@paperboy.example");
      outbox.enqueue(OutgoingMail.text("k1", "ada@example.org", "Hello", "Body"));
      MailSettings s = new MailSettings("127.0.0.1", server.port(), false, null, null, "digest@paperboy.example", 1000,
          MailSettings.MAX_ATTEMPTS, MailSettings.FIRST_RETRY, Duration.ofMinutes(2));
      List<QueuedMail> givenUp = new ArrayList<>();
      try (OutboxSender sender = new OutboxSender(outbox, new SmtpTransport(s), s, givenUp::add)) {
        sender.flush();
        assertThat(server.received()).hasSize(1);
        for (int attempt = 2; attempt <= MailSettings.MAX_ATTEMPTS; attempt++) {
          Duration wait = Duration.ofMinutes(1L << (attempt - 2));
          clock.advance(wait.minusSeconds(1));
          sender.flush();
          assertThat(server.received()).as("attempt %d is not made before %s", attempt, wait).hasSize(attempt - 1);
          clock.advance(Duration.ofSeconds(1));
          sender.flush();
          assertThat(server.received()).as("attempt %d is made %s after the one before", attempt, wait).hasSize(attempt);
        }
        clock.advance(Duration.ofDays(1));
        assertThat(sender.flush()).isZero();
      }
      assertThat(server.received()).as("no ninth attempt").hasSize(MailSettings.MAX_ATTEMPTS);
      assertThat(givenUp).singleElement().extracting(q -> q.mail().to()).isEqualTo("ada@example.org");
      assertThat(outbox.counts()).containsEntry(Outbox.Status.FAILED, 1L).containsEntry(Outbox.Status.PENDING, 0L);
      assertThat(server.received()).extracting(OutboxTest::messageId).containsOnly(server.received().stream()
          .map(OutboxTest::messageId).findFirst().orElseThrow());
    }
  }

  /** At most {@code --mail-rate} mails a second: n mails take at least (n - 1) gaps, however fast the server. */
  @StoreKinds
  void aSenderHandsMailToSmtpNoFasterThanItsRate(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir); LoopbackSmtpServer server = new LoopbackSmtpServer(false)) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      for (int i = 0; i < 11; i++) outbox.enqueue(OutgoingMail.text("k" + i, "a" + i + "@example.org", "s", "t"));
      MailSettings twentyASecond = new MailSettings("127.0.0.1", server.port(), false, null, null, "digest@paperboy.example", 20,
          3, Duration.ZERO, Duration.ofMinutes(2));
      long started = System.nanoTime();
      try (OutboxSender sender = new OutboxSender(outbox, new SmtpTransport(twentyASecond), twentyASecond, m -> {})) {
        assertThat(sender.flush()).isEqualTo(11);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("11 mails at 20 a second: 10 gaps of 50 ms")
          .isGreaterThanOrEqualTo(Duration.ofMillis(500));
      assertThat(server.acceptedCount()).isEqualTo(11);
    }
  }

  static String messageId(String rawMessage) {
    Matcher m = Pattern.compile("(?mi)^Message-ID:\\s*(\\S+)").matcher(rawMessage);
    assertThat(m.find()).as("a Message-ID header in:%n%s", rawMessage).isTrue();
    return m.group(1);
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

  /** Two threads claim at the same moment, round after round, until nothing is left: no mail is claimed twice. */
  @StoreKinds
  void twoSendersNeverClaimTheSameMail(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      for (int i = 0; i < 100; i++) outbox.enqueue(OutgoingMail.text("k" + i, "a" + i + "@example.org", "s", "t"));
      // a round ends when both have claimed; the claiming is over when both came back empty-handed
      // (one alone may: on PostgreSQL a claimer that loses the race for every row it picked gets none)
      AtomicInteger emptyHanded = new AtomicInteger();
      AtomicBoolean drained = new AtomicBoolean();
      CyclicBarrier start = new CyclicBarrier(2);
      CyclicBarrier roundOver = new CyclicBarrier(2, () -> drained.set(emptyHanded.getAndSet(0) == 2));
      Callable<List<Long>> claimer = () -> {
        List<Long> mine = new ArrayList<>();
        while (!drained.get()) {
          start.await(30, TimeUnit.SECONDS); // both claim at the same moment, in every round
          List<QueuedMail> got = outbox.claimDue(7, Duration.ofMinutes(2));
          got.forEach(q -> mine.add(q.id()));
          if (got.isEmpty()) emptyHanded.incrementAndGet();
          roundOver.await(30, TimeUnit.SECONDS);
        }
        return mine;
      };
      try (ExecutorService two = Executors.newFixedThreadPool(2)) {
        Future<List<Long>> a = two.submit(claimer), b = two.submit(claimer);
        List<Long> first = a.get(2, TimeUnit.MINUTES), second = b.get(2, TimeUnit.MINUTES);
        assertThat(first).as("claimed by both: %s and %s", first, second).doesNotContainAnyElementsOf(second);
        List<Long> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).as("every mail claimed once").hasSize(100).doesNotHaveDuplicates();
      }
    }
  }

  /** Two senders flushing one outbox at once, as two `serve` nodes on one PostgreSQL would: each mail arrives once. */
  @StoreKinds
  void twoSendersFlushingAtOnceDeliverEveryMailExactlyOnce(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir)) {
      Outbox outbox = new Outbox(db, Clock.systemUTC(), "digest@paperboy.example");
      for (int i = 0; i < 60; i++) outbox.enqueue(OutgoingMail.text("k" + i, "a" + i + "@example.org", "s", "t"));
      MailSettings s = settings(smtp.getSmtp().getPort());
      CountDownLatch go = new CountDownLatch(1);
      try (OutboxSender one = new OutboxSender(outbox, new SmtpTransport(s), s, m -> {});
          OutboxSender two = new OutboxSender(outbox, new SmtpTransport(s), s, m -> {});
          ExecutorService pool = Executors.newFixedThreadPool(2)) {
        Future<Integer> a = pool.submit(() -> {
          go.await();
          return one.flush();
        });
        Future<Integer> b = pool.submit(() -> {
          go.await();
          return two.flush();
        });
        go.countDown();
        assertThat(a.get(2, TimeUnit.MINUTES) + b.get(2, TimeUnit.MINUTES)).isEqualTo(60);
      }
      List<String> recipients = new ArrayList<>();
      for (MimeMessage m : smtp.getReceivedMessages()) recipients.add(m.getAllRecipients()[0].toString());
      assertThat(recipients).hasSize(60).doesNotHaveDuplicates();
      assertThat(outbox.counts()).containsEntry(Outbox.Status.SENT, 60L);
    }
  }
}
