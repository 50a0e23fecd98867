package org.paperboy.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.TestDatabases;
import org.paperboy.personal.RecommendSample;

/**
 * A running server over a store cut from the real recommend set (one author's liked papers and a
 * sample of the last announcement days), for the personal pages.
 */
final class PersonalFixture implements AutoCloseable {
  final Paperboy app;
  final WebServer server;
  final RecommendSample sample;

  PersonalFixture(String kind, Path dir) {
    sample = RecommendSample.of("u0031", 8, dir);
    app = Paperboy.open(new Config(dir, TestDatabases.freshUrl(kind, dir.resolve("db"))),
        Clock.fixed(Instant.parse("2026-05-30T08:00:00Z"), ZoneOffset.UTC));
    app.snapshotImporter().importFile(sample.file(), true, false, r -> {});
    server = app.webServer().start("127.0.0.1", 0);
  }

  String base() {
    return server.publicUrl();
  }

  /** A member signed in through the real sign-in link. */
  Member signIn(String email) {
    Member m = new Member(base());
    m.get("/signin");
    m.post("/signin", java.util.Map.of("email", email));
    java.util.List<org.paperboy.mail.QueuedMail> mails = app.outbox().claimDue(100, java.time.Duration.ofMinutes(2));
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("/signin/(\\S+)").matcher(mails.getLast().mail().text());
    if (!link.find()) throw new AssertionError("no sign-in link in " + mails.getLast().mail().text());
    String path = "/signin/" + link.group(1);
    m.get(path);
    m.post(path, java.util.Map.of());
    m.get("/profile");
    return m;
  }

  @Override
  public void close() {
    server.close();
    app.close();
  }
}
