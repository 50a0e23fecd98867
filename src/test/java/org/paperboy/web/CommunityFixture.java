package org.paperboy.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.ingest.Politeness;
import org.paperboy.mail.MailSettings;

/**
 * A running server with its community over a fresh store of the given kind: the first 200 real
 * snapshot records, one of them ({@link #LISTED}) on the list of {@link #LISTED_DAY} with an imported
 * baseline, and a fake arXiv API replaying the recorded responses for submissions.
 */
final class CommunityFixture implements AutoCloseable {
  static final String LISTED = "0704.0001";
  static final String LISTED_DAY = "2026-11-28";
  static final int BASELINE_UPVOTES = 5;
  static final int BASELINE_COMMENTS = 2;

  final Paperboy app;
  final FakeArxiv arxiv = FakeArxiv.replayingApi();
  final WebServer server;
  final org.paperboy.schedule.Schedules schedules;

  /** @param smtpPort an SMTP server to mail through, or 0 to leave mail in the outbox */
  CommunityFixture(String kind, Path dir, Clock clock, Duration submissionWindow, int smtpPort) {
    this(kind, dir, clock, submissionWindow, smtpPort, false, null);
  }

  /** @param behindProxy count visitors by X-Forwarded-For, so a test can be many visitors at once */
  CommunityFixture(String kind, Path dir, Clock clock, Duration submissionWindow, int smtpPort, boolean behindProxy) {
    this(kind, dir, clock, submissionWindow, smtpPort, behindProxy, null);
  }

  /** @param schedules the schedule the server reports on /admin and /health, made over the fixture's app; null: none */
  CommunityFixture(String kind, Path dir, Clock clock, Duration submissionWindow, int smtpPort, boolean behindProxy,
      java.util.function.Function<Paperboy, org.paperboy.schedule.Schedules> schedules) {
    this(dir, TestDatabases.freshUrl(kind, dir.resolve("db")), clock, submissionWindow, smtpPort, behindProxy, schedules);
  }

  /** Over a store the test made itself ({@code url}; on a small disk, say), with {@code dir} as the data directory. */
  CommunityFixture(Path dir, String url, Clock clock) {
    this(dir, url, clock, Duration.ofDays(14), 0, false, null);
  }

  private CommunityFixture(Path dir, String url, Clock clock, Duration submissionWindow, int smtpPort, boolean behindProxy,
      java.util.function.Function<Paperboy, org.paperboy.schedule.Schedules> schedules) {
    MailSettings mail = smtpPort == 0 ? null
        : new MailSettings("127.0.0.1", smtpPort, false, null, null, "paperboy@papers.example", 1000, 3, Duration.ZERO,
            Duration.ofMinutes(2));
    Config.Serve serve = Config.Serve.DEFAULTS.withSubmissionWindow(submissionWindow).withArxivApi(arxiv.api())
        .withBehindProxy(behindProxy);
    app = Paperboy.open(new Config(dir, url, mail).withServe(serve), clock);
    app.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
    app.dailyFeedImporter().importFile(feed(dir), r -> { throw new AssertionError("rejected " + r); });
    Politeness fast = Politeness.arxiv().forVisitors().withMinInterval(Duration.ZERO, arxiv.api());
    this.schedules = schedules == null ? null : schedules.apply(app).start();
    server = app.webServer(fast, this.schedules == null ? java.util.List::of : this.schedules::status).start("127.0.0.1", 0);
  }

  private static Path feed(Path dir) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("listing_date", LISTED_DAY).put("arxiv_id", LISTED).put("title", "Calculation of prompt diphoton production")
        .put("upvotes", BASELINE_UPVOTES).put("num_comments", BASELINE_COMMENTS)
        .put("arxiv_published_at", "2007-04-02T19:18:42.000Z");
    row.putArray("authors").add("C. Balázs");
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve("community-feed.jsonl"), row + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address the server puts in sign-in links: cookies must be set on the same host. */
  String base() {
    return server.publicUrl();
  }

  @Override
  public void close() {
    server.close();
    if (schedules != null) schedules.close();
    arxiv.close();
    app.close();
  }
}
