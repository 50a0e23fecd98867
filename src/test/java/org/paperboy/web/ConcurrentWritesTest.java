package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.mail.OutboxSender;
import org.paperboy.support.MutableClock;

/**
 * Members write at the same time over HTTP — 16 commenting, 16 voting, 16 asking for sign-in links,
 * 16 subscribing — while the outbox sends: every request succeeds and every write is there once.
 */
class ConcurrentWritesTest {
  private static final int WRITERS = 16;
  private static final int COMMENTS_EACH = 3;
  private static final int VOTES_EACH = 15;

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @StoreKinds
  void sixteenWritersOfEachKindAtOnceLoseNothingAndFailNothing(String kind) throws Exception {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0, true)) {
      List<Member> commenters = new ArrayList<>(), voters = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        commenters.add(signIn(f, "commenter" + i + "@example.org", "10.1.0." + i));
        voters.add(signIn(f, "voter" + i + "@example.org", "10.2.0." + i));
      }
      List<String> papers = f.app.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM papers ORDER BY id LIMIT :n")
          .bind("n", VOTES_EACH).mapTo(String.class).list());
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      try (OutboxSender sender = f.app.newOutboxSender(m -> {});
          ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        sender.start(20);
        for (int i = 0; i < WRITERS; i++) {
          Member c = commenters.get(i), v = voters.get(i);
          int n = i;
          running.add(pool.submit(() -> {
            await(go);
            for (int k = 0; k < COMMENTS_EACH; k++) {
              check(failures, "comment", c.post("/comments", Map.of("paper", CommunityFixture.LISTED, "body", "c" + n + "." + k)));
            }
          }));
          running.add(pool.submit(() -> {
            await(go);
            for (String paper : papers) check(failures, "vote", v.post("/vote", Map.of("paper", paper)));
          }));
          running.add(pool.submit(() -> {
            await(go);
            try (Member stranger = new Member(f.base())) {
              stranger.get("/signin");
              check(failures, "sign-in", stranger.post("/signin", Map.of("email", "new" + n + "@example.org"),
                  "X-Forwarded-For", "10.3.0." + n));
            }
          }));
          running.add(pool.submit(() -> {
            await(go);
            try (Member stranger = new Member(f.base())) {
              stranger.get("/subscribe");
              check(failures, "subscribe", stranger.post("/subscribe", Map.of("email", "reader" + n + "@example.org",
                  "frequency", "daily", "hour", "8", "timeZone", "UTC"), "X-Forwarded-For", "10.4.0." + n));
            }
          }));
        }
        go.countDown();
        for (Future<?> r : running) r.get();
      }
      assertThat(failures).as("requests that failed").isEmpty();
      assertThat(count(f, "SELECT COUNT(*) FROM comments")).as("comments").isEqualTo(WRITERS * COMMENTS_EACH);
      assertThat(count(f, "SELECT COUNT(*) FROM votes")).as("votes").isEqualTo(WRITERS * VOTES_EACH);
      assertThat(count(f, "SELECT COUNT(*) FROM signin_tokens WHERE email LIKE 'new%'")).as("sign-in links").isEqualTo(WRITERS);
      assertThat(count(f, "SELECT COUNT(*) FROM subscriptions")).as("subscriptions").isEqualTo(WRITERS);
      assertThat(count(f, "SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key LIKE 'signin:%' OR dedupe_key LIKE 'subscription-confirm:%'"))
          .as("mails queued: the members' links, the strangers' links, the confirmations").isEqualTo(2 * WRITERS + WRITERS + WRITERS);
    }
  }

  private static long count(CommunityFixture f, String sql) {
    return f.app.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static void await(CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void check(ConcurrentLinkedQueue<String> failures, String what, HttpResponse<String> r) {
    if (r.statusCode() >= 400) failures.add(what + ": " + r.statusCode() + " " + r.body().lines().limit(3).toList());
  }

  /** Signs in through the mailed link, as a visitor from {@code ip}. */
  static Member signIn(CommunityFixture f, String email, String ip) {
    Member m = new Member(f.base());
    m.get("/signin");
    assertThat(m.post("/signin", Map.of("email", email), "X-Forwarded-For", ip).statusCode()).isEqualTo(200);
    String link = CommunityWebTest.link(f);
    m.get(link);
    assertThat(m.post(link, Map.of()).statusCode()).isEqualTo(303);
    m.get("/profile");
    return m;
  }
}
