package org.paperboy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.digest.DigestRunner;
import org.paperboy.mail.MailSettings;
import org.paperboy.mail.OutboxSender;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench digest}: personalised digests composed per second, and the send rate to a local SMTP sink. */
@Command(name = "digest", mixinStandardHelpOptions = true,
    description = "Composes digests for synthetic subscribers with random topics over a real corpus and feed; prints"
        + " digests/s, total time, heap, and the send rate to an SMTP sink on loopback.")
final class DigestBench implements Callable<Integer> {
  private static final List<String> CATEGORIES = List.of("cs.CV", "cs.CL", "cs.AI", "cs.LG", "cs.RO", "cs.IR", "cs.HC");
  private static final List<String> KEYWORDS = List.of("video", "diffusion", "agent", "reasoning", "benchmark", "robot",
      "retrieval", "3D", "speech", "multimodal", "reinforcement learning", "segmentation", "code", "math", "safety");

  @Option(names = "--subscribers", defaultValue = "100000", description = "Synthetic subscribers (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(names = "--corpus", defaultValue = "../shared/data/arxiv/cs-2025-2026.jsonl.gz") Path corpus;

  @Option(names = "--feed", defaultValue = "../shared/data/hf-daily-papers/daily-papers-2024-2026.jsonl.gz") Path feed;

  @Option(names = "--at", defaultValue = "2026-08-21T12:00:00Z", description = "The moment digests are due (default: ${DEFAULT-VALUE}).")
  String at;

  @Option(names = "--send", defaultValue = "2000", description = "How many of the queued mails to send to the sink (default: ${DEFAULT-VALUE}).")
  int send;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "An empty database to use instead of a fresh SQLite file.")
  String databaseUrl;

  @Override
  public Integer call() throws Exception {
    for (Path p : List.of(corpus, feed)) if (!Files.isReadable(p)) throw Refusal.badInput("cannot read " + p);
    Path dir = Files.createTempDirectory("paperboy-bench-digest-");
    try (LoopbackSmtpServer sink = new LoopbackSmtpServer(false)) {
      MailSettings mail = new MailSettings("127.0.0.1", sink.port(), false, null, null, "bench@paperboy.invalid", 1e6, 3,
          java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(10));
      try (Paperboy app = Paperboy.open(new Config(dir, databaseUrl, mail, "https://paperboy.invalid"))) {
        long t0 = System.nanoTime();
        app.snapshotImporter().importFile(corpus, false, false, r -> {});
        app.dailyFeedImporter().importFile(feed, r -> {});
        System.out.printf("setup: %,d papers and the feed imported in %.1f s%n", app.papers().count(), (System.nanoTime() - t0) / 1e9);
        insertSubscribers(app);

        Measure.resetPeaks();
        long t1 = System.nanoTime();
        DigestRunner.Summary s = app.digests().run(Instant.parse(at), null, false, d -> {});
        double seconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("composed and queued: %s%n", s);
        System.out.printf("  %,d subscribers in %.1f s: %,.0f digests/s, peak heap %,d MiB%n", s.considered(), seconds,
            s.considered() / seconds, Measure.peakHeapBytes() >> 20);

        long t2 = System.nanoTime();
        int sent = 0;
        try (OutboxSender sender = app.newOutboxSender(m -> {})) {
          // the sink counts; stop once it has the sample asked for
          sent = sender.flushAtMost(send);
        }
        double sendSeconds = (System.nanoTime() - t2) / 1e9;
        System.out.printf("sent %,d mails to the SMTP sink in %.1f s: %,.0f mails/s (sink received %,d)%n", sent, sendSeconds,
            sent / sendSeconds, sink.acceptedCount());
      }
    } finally {
      Measure.deleteTree(dir);
    }
    return 0;
  }

  private void insertSubscribers(Paperboy app) {
    Random random = new Random(42);
    String[] zones = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Asia/Kolkata"};
    long t = System.nanoTime();
    app.database().jdbi().useTransaction(h -> {
      var batch = h.prepareBatch("INSERT INTO subscriptions (email, frequency, weekday, send_hour, time_zone, categories, keywords,"
          + " interest, excluded, status, permanent_failures, created_at)"
          + " VALUES (:e, :f, :wd, :hour, :tz, :cat, :kw, '', :ex, 'active', 0, '2026-01-01T00:00:00Z')");
      for (int i = 0; i < subscribers; i++) {
        boolean weekly = random.nextInt(4) == 0;
        batch.bind("e", "reader" + i + "@bench.invalid").bind("f", weekly ? "weekly" : "daily").bind("wd", 1 + random.nextInt(7))
            .bind("hour", random.nextInt(12)).bind("tz", zones[random.nextInt(zones.length)])
            .bind("cat", random.nextBoolean() ? CATEGORIES.get(random.nextInt(CATEGORIES.size())) : "")
            .bind("kw", random.nextInt(3) == 0 ? KEYWORDS.get(random.nextInt(KEYWORDS.size())) : "")
            .bind("ex", random.nextInt(5) == 0 ? KEYWORDS.get(random.nextInt(KEYWORDS.size())) : "").add();
        if (batch.size() == 5_000) batch.execute();
      }
      if (batch.size() > 0) batch.execute();
    });
    System.out.printf("setup: %,d synthetic subscribers in %.1f s%n", subscribers, (System.nanoTime() - t) / 1e9);
  }
}
