package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.support.MutableClock;

/**
 * Submitting a paper the store lacks asks arXiv, politely and on one connection: a member over the
 * limit is refused before arXiv is asked, and members submitting at once are never held in a long
 * queue: each is answered within seconds, with a paper or with "try again shortly".
 */
class SubmissionFetchTest {
  /** Papers the store lacks whose arXiv answers are recorded. */
  static final List<String> MISSING = List.of("1707.08567", "1605.08386", "astro-ph/0601001", "2104.12255");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @Test
  void aMemberOverTheLimitIsRefusedBeforeArxivIsAsked() {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(100_000), 0);
        Member ada = CommunityWebTest.signIn(f, "ada@example.org")) {
      List<String> stored = f.app.database().jdbi().withHandle(h -> h.createQuery(
          "SELECT id FROM papers WHERE id <> :listed ORDER BY id LIMIT 10").bind("listed", CommunityFixture.LISTED)
          .mapTo(String.class).list());
      for (String id : stored) assertThat(ada.post("/submit", Map.of("paper", id)).statusCode()).as(id).isEqualTo(303);
      HttpResponse<String> eleventh = ada.post("/submit", Map.of("paper", MISSING.getFirst()));
      assertThat(eleventh.statusCode()).as(eleventh.body()).isEqualTo(429);
      assertThat(f.arxiv.hits()).as("requests arXiv received").isEmpty();
    }
  }

  @Test
  void membersSubmittingMissingPapersAtOnceAreAnsweredWithinSeconds() throws Exception {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(100_000), 0)) {
      // arXiv takes its time: three seconds an answer
      f.arxiv.onRequest(hit -> {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < MISSING.size(); i++) {
        members.add(CommunityWebTest.signIn(f, "m" + i + "@example.org"));
        clock.advance(Duration.ofMinutes(2)); // sign-in mails per address of the test client
      }
      List<Future<long[]>> answers = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < MISSING.size(); i++) {
          Member m = members.get(i);
          String id = MISSING.get(i);
          answers.add(pool.submit(() -> {
            long start = System.nanoTime();
            HttpResponse<String> r = m.post("/submit", Map.of("paper", id));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (r.statusCode() == 429) assertThat(r.headers().firstValue("Retry-After")).isPresent();
            if (r.statusCode() != 303 && r.statusCode() != 429) throw new AssertionError(id + ": " + r.statusCode() + " " + r.body());
            return new long[] {r.statusCode(), millis};
          }));
        }
        long started = System.nanoTime();
        try (Member reader = new Member(f.base())) {
          assertThat(reader.get("/papers/" + CommunityFixture.LISTED).statusCode()).isEqualTo(200);
        }
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for another visitor's page meanwhile").isLessThan(2_500);
        int listed = 0;
        for (Future<long[]> a : answers) {
          long[] answer = a.get();
          assertThat(answer[0]).as("status").isIn(303L, 429L);
          assertThat(answer[1]).as("ms until a submitter has an answer").isLessThan(10_000);
          if (answer[0] == 303) listed++;
        }
        assertThat(listed).as("submissions that got their paper").isBetween(1, MISSING.size());
      } finally {
        members.forEach(Member::close);
      }
    }
  }
}
