package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.StoreKinds;
import org.paperboy.support.MutableClock;

/**
 * The per-address limits of the README (submissions 30 an hour, comments 60 per 10 minutes, votes 300
 * a minute), behind a proxy as `serve --behind-proxy` runs: members who each stay within their own
 * limit share one address, and that address runs out. Visitors are counted by the last hop of
 * X-Forwarded-For, the one the proxy appended; what a client wrote before it does not help.
 */
class RateLimitWebTest {
  static final String SHARED = "10.9.9.9";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  /** Behind a proxy; members may submit the 2007 papers of the snapshot head (a window of 20,000 days). */
  CommunityFixture fixture(String kind) {
    return new CommunityFixture(kind, dir, clock, Duration.ofDays(20_000), 0, true);
  }

  /** Members signed in from addresses of their own. */
  static List<Member> members(CommunityFixture f, int n) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) members.add(CommunityWebTest.signIn(f, "member" + i + "@example.org"));
    return members;
  }

  static HttpResponse<String> post(Member m, String path, Map<String, String> form, String forwardedFor) {
    return m.post(path, form, "X-Forwarded-For", forwardedFor, "Accept", "application/json");
  }

  static void assertTooMany(HttpResponse<String> r, String message) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(new ObjectMapper().readTree(r.body()).path("error").asText()).contains(message);
  }

  @StoreKinds
  void votesFromOneAddressStopAt300AMinuteWhateverTheMembers(String kind) throws Exception {
    try (CommunityFixture f = fixture(kind)) {
      List<Member> members = members(f, 6);
      for (Member m : members.subList(0, 5)) {
        for (int i = 0; i < 60; i++) { // each member's own limit: 60 a minute
          Map<String, String> vote = Map.of("paper", CommunityFixture.LISTED, "vote", i % 2 == 0 ? "up" : "withdraw");
          assertThat(post(m, "/vote", vote, SHARED).statusCode()).isEqualTo(200);
        }
      }
      Member sixth = members.get(5);
      assertTooMany(post(sixth, "/vote", Map.of("paper", CommunityFixture.LISTED), SHARED), "too many votes from your address");
      assertTooMany(post(sixth, "/vote", Map.of("paper", CommunityFixture.LISTED), "203.0.113.7, " + SHARED),
          "too many votes from your address");
      assertThat(post(sixth, "/vote", Map.of("paper", CommunityFixture.LISTED), SHARED + ", 10.9.9.10").statusCode())
          .as("the same member from another address").isEqualTo(200);
      members.forEach(Member::close);
    }
  }

  @StoreKinds
  void commentsFromOneAddressStopAt60InTenMinutesWhateverTheMembers(String kind) throws Exception {
    try (CommunityFixture f = fixture(kind)) {
      List<Member> members = members(f, 7);
      for (Member m : members.subList(0, 6)) {
        for (int i = 0; i < 10; i++) { // each member's own limit: 10 in ten minutes
          HttpResponse<String> r = post(m, "/comments", Map.of("paper", CommunityFixture.LISTED, "body", "comment " + i), SHARED);
          assertThat(r.statusCode()).as(r.body()).isLessThan(400);
        }
      }
      Member seventh = members.get(6);
      Map<String, String> comment = Map.of("paper", CommunityFixture.LISTED, "body", "one more");
      assertTooMany(post(seventh, "/comments", comment, SHARED), "too many comments from your address");
      assertThat(post(seventh, "/comments", comment, "10.9.9.10").statusCode()).as("from another address").isLessThan(400);
      clock.advance(Duration.ofMinutes(10));
      assertThat(post(seventh, "/comments", Map.of("paper", CommunityFixture.LISTED, "body", "later"), SHARED).statusCode())
          .as("ten minutes later the address may comment again").isLessThan(400);
      members.forEach(Member::close);
    }
  }

  @StoreKinds
  void submissionsFromOneAddressStopAt30AnHourWhateverTheMembers(String kind) throws Exception {
    List<String> papers = Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).stream()
        .map(line -> line.substring("{\"id\":\"".length(), line.indexOf('"', "{\"id\":\"".length())))
        .filter(id -> !id.equals(CommunityFixture.LISTED)).limit(32).toList();
    try (CommunityFixture f = fixture(kind)) {
      List<Member> members = members(f, 4);
      int next = 0;
      for (Member m : members.subList(0, 3)) {
        for (int i = 0; i < 10; i++) { // each member's own limit: 10 an hour
          HttpResponse<String> r = post(m, "/submit", Map.of("paper", papers.get(next++)), SHARED);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        }
      }
      Member fourth = members.get(3);
      assertTooMany(post(fourth, "/submit", Map.of("paper", papers.get(next)), SHARED), "too many submissions");
      assertThat(post(fourth, "/submit", Map.of("paper", papers.get(next)), "10.9.9.10").statusCode())
          .as("the same member from another address").isEqualTo(303);
      members.forEach(Member::close);
    }
  }
}
