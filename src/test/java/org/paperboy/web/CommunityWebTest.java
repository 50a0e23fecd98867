package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.community.Role;
import org.paperboy.db.StoreKinds;
import org.paperboy.mail.QueuedMail;
import org.paperboy.support.MutableClock;

/** The community over HTTP against a real server, on SQLite and PostgreSQL: CSRF, limits, escaping, counts. */
class CommunityWebTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("/signin/(\\S+)");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  CommunityFixture fixture(String kind) {
    return new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0);
  }

  /** The link of the latest sign-in mail in the outbox (nothing sends it here). */
  static String link(CommunityFixture f) {
    List<QueuedMail> mails = f.app.outbox().claimDue(100, Duration.ofMinutes(2));
    assertThat(mails).as("sign-in mails waiting in the outbox").isNotEmpty();
    Matcher m = LINK.matcher(mails.getLast().mail().text());
    assertThat(m.find()).as("a link in: " + mails.getLast().mail().text()).isTrue();
    return "/signin/" + m.group(1);
  }

  static Member signIn(CommunityFixture f, String email) {
    Member m = new Member(f.base());
    m.get("/signin");
    assertThat(m.post("/signin", Map.of("email", email)).statusCode()).isEqualTo(200);
    String link = link(f);
    m.get(link);
    HttpResponse<String> r = m.post(link, Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    m.get("/profile");
    return m;
  }

  @StoreKinds
  void aPostWithoutAValidCsrfTokenIsRefusedWith403(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      String good = ada.csrf;
      assertThat(ada.post("/vote", Map.of("paper", CommunityFixture.LISTED, "csrf", "")).statusCode())
          .as("no token").isEqualTo(403);
      assertThat(ada.post("/vote", Map.of("paper", CommunityFixture.LISTED, "csrf", good + "x")).statusCode())
          .as("a forged token").isEqualTo(403);
      try (Member stranger = new Member(f.base())) {
        stranger.get("/signin");
        assertThat(ada.post("/vote", Map.of("paper", CommunityFixture.LISTED, "csrf", stranger.csrf)).statusCode())
            .as("another visitor's token").isEqualTo(403);
        assertThat(stranger.post("/signin", Map.of("email", "eve@example.org", "csrf", "")).statusCode())
            .as("anonymous forms too").isEqualTo(403);
      }
      assertThat(f.app.votes().count(org.paperboy.paper.ArxivId.parse(CommunityFixture.LISTED))).as("no vote counted").isZero();
      assertThat(ada.post("/vote", Map.of("paper", CommunityFixture.LISTED)).statusCode()).isEqualTo(303);
      HttpResponse<String> viaHeader = ada.post("/vote", Map.of("paper", CommunityFixture.LISTED, "vote", "withdraw", "csrf", ""),
          "X-CSRF-Token", good, "Accept", "application/json");
      assertThat(viaHeader.statusCode()).as(viaHeader.body()).isEqualTo(200);
    }
  }

  @StoreKinds
  void tooManySignInMailsAnswer429WithRetryAfter(String kind) {
    try (CommunityFixture f = fixture(kind); Member m = new Member(f.base())) {
      m.get("/signin");
      for (int i = 0; i < 3; i++) assertThat(m.post("/signin", Map.of("email", "ada@example.org")).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = m.post("/signin", Map.of("email", "ada@example.org"));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
      assertThat(limited.body()).contains("too many sign-in requests");
    }
  }

  @StoreKinds
  void aForgedXForwardedForDoesNotEscapeThePerIpLimit(String kind) {
    try (CommunityFixture f = fixture(kind); Member m = new Member(f.base())) {
      m.get("/signin");
      for (int i = 0; i < 10; i++) {
        assertThat(m.post("/signin", Map.of("email", "user" + i + "@example.org"), "X-Forwarded-For", "10.0.0." + i)
            .statusCode()).isEqualTo(200);
      }
      assertThat(m.post("/signin", Map.of("email", "user10@example.org"), "X-Forwarded-For", "10.0.0.10").statusCode())
          .as("without --behind-proxy the header is ignored").isEqualTo(429);
    }
  }

  @StoreKinds
  void votingTooFastAnswers429WithRetryAfterAlsoToAFetch(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      for (int i = 0; i < 60; i++) {
        assertThat(ada.post("/vote", Map.of("paper", CommunityFixture.LISTED, "vote", i % 2 == 0 ? "up" : "withdraw"))
            .statusCode()).isEqualTo(303);
      }
      HttpResponse<String> limited = ada.post("/vote", Map.of("paper", CommunityFixture.LISTED), "Accept", "application/json");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
      assertThat(json(limited).get("error").asText()).contains("too many votes");
    }
  }

  @StoreKinds
  void theAnswerIsTheSameForKnownAndUnknownAddressesAndBadInputIs400(String kind) {
    try (CommunityFixture f = fixture(kind); Member m = new Member(f.base())) {
      f.app.accounts().addOrSetRole("known@example.org", Role.MEMBER);
      m.get("/signin");
      String known = m.post("/signin", Map.of("email", "known@example.org")).body();
      String unknown = m.post("/signin", Map.of("email", "unknown@example.org")).body();
      assertThat(known.replace("known", "")).isEqualTo(unknown.replace("unknown", ""));
      HttpResponse<String> bad = m.post("/signin", Map.of("email", "not an address"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("is not an email address");
    }
  }

  @StoreKinds
  void aReplayedOrExpiredLinkIsRefused(String kind) {
    try (CommunityFixture f = fixture(kind); Member m = new Member(f.base())) {
      m.get("/signin");
      m.post("/signin", Map.of("email", "ada@example.org"));
      String link = link(f);
      assertThat(m.get(link).body()).as("following the link only shows a button").contains("Sign in to Paperboy");
      assertThat(m.post(link, Map.of()).statusCode()).isEqualTo(303);
      m.get(link); // signing in renewed the CSRF token: follow the link again, as a person would
      HttpResponse<String> replay = m.post(link, Map.of());
      assertThat(replay.statusCode()).isEqualTo(400);
      assertThat(replay.body()).contains("expired or was already used");

      m.get("/signin");
      m.post("/signin", Map.of("email", "bob@example.org"));
      String late = link(f);
      clock.advance(Duration.ofMinutes(16));
      HttpResponse<String> expired = m.post(late, Map.of());
      assertThat(expired.statusCode()).isEqualTo(400);
      assertThat(expired.body()).contains("expired or was already used");
    }
  }

  @StoreKinds
  void aCommentHoldingHtmlRendersAsTextWithSafeLinks(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      String evil = "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> see https://example.org/a?b=1&c=2";
      assertThat(ada.post("/comments", Map.of("paper", CommunityFixture.LISTED, "body", evil)).statusCode()).isEqualTo(303);
      String page = ada.get("/papers/" + CommunityFixture.LISTED).body();
      assertThat(page).contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;").doesNotContain("<script>window.__pwned")
          .doesNotContain("<img src=x")
          .contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\"");
      JsonNode api = json(ada.get("/api/papers/" + CommunityFixture.LISTED + "/comments"));
      assertThat(api.get(0).get("text").asText()).isEqualTo(evil);
    }
  }

  @StoreKinds
  void countsAreTheBaselinePlusRealVotesAndCommentsEverywhere(String kind) throws Exception {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      String id = CommunityFixture.LISTED;
      ada.post("/vote", Map.of("paper", id));
      ada.post("/vote", Map.of("paper", id)); // a double click counts once
      long commentId = f.app.comments().add(f.app.accounts().findByEmail("ada@example.org").orElseThrow(),
          org.paperboy.paper.ArxivId.parse(id), null, "first");
      ada.post("/comments", Map.of("paper", id, "parent", Long.toString(commentId), "body", "a reply"));
      int up = CommunityFixture.BASELINE_UPVOTES + 1, comments = CommunityFixture.BASELINE_COMMENTS + 2;

      JsonNode day = json(ada.get("/api/daily_papers?date=" + CommunityFixture.LISTED_DAY));
      assertThat(day.get(0).get("paper").get("upvotes").asInt()).isEqualTo(up);
      assertThat(day.get(0).get("numComments").asInt()).isEqualTo(comments);
      JsonNode paper = json(ada.get("/api/papers/" + id));
      assertThat(paper.get("upvotes").asInt()).isEqualTo(up);
      HttpResponse<String> threadAnswer = ada.get("/api/papers/" + id + "/comments");
      assertThat(paper.get("numComments").asInt()).isEqualTo(comments);
      assertThat(paper.get("numCommentsHere").asInt()).isEqualTo(2);
      assertThat(paper.get("numCommentsOnSource").asInt()).isEqualTo(CommunityFixture.BASELINE_COMMENTS);
      assertThat(threadAnswer.headers().firstValue("X-Num-Comments")).as("the paper and its comments agree").contains(Integer.toString(comments));
      assertThat(threadAnswer.headers().firstValue("X-Total-Count")).contains("2");
      assertThat(threadAnswer.headers().firstValue("X-Num-Comments-On-Source")).contains(Integer.toString(CommunityFixture.BASELINE_COMMENTS));
      assertThat(json(threadAnswer).get(0).get("replies").get(0).get("text").asText()).isEqualTo("a reply");
      String list = ada.get("/?date=" + CommunityFixture.LISTED_DAY).body();
      assertThat(list).contains("<span class=\"count\">" + up + "</span>").contains(CommunityFixture.BASELINE_COMMENTS + " comments on the source list · 2 here")
          .contains("aria-pressed=\"true\"");
      try (Member anonymous = new Member(f.base())) {
        String page = anonymous.get("/papers/" + id).body();
        assertThat(page).contains("<span class=\"count\">" + up + "</span>").doesNotContain("name=\"csrf\"");
      }
      HttpResponse<String> withdrawn = ada.post("/vote", Map.of("paper", id, "vote", "withdraw"), "Accept", "application/json");
      assertThat(json(withdrawn).get("upvotes").asInt()).isEqualTo(up - 1);
    }
  }

  /** One rule for the counts shown (DailyList.activityOf): the page, the API and the vote answer agree, listed or not. */
  @StoreKinds
  void thePaperPageTheApiAndTheVoteAnswerShowTheSameCountsForListedAndUnlistedPapers(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org"); Member bob = signIn(f, "bob@example.org")) {
      String unlisted = "0704.0002";
      HttpResponse<String> vote = ada.post("/vote", Map.of("paper", unlisted), "Accept", "application/json");
      bob.post("/vote", Map.of("paper", unlisted));
      bob.post("/comments", Map.of("paper", unlisted, "body", "worth reading"));
      ada.post("/vote", Map.of("paper", CommunityFixture.LISTED));

      assertThat(json(vote).get("upvotes").asInt()).as("the vote's own answer").isEqualTo(1);
      record Expected(String id, int upvotes, int comments, String commentsLabel) {}
      for (Expected e : List.of(new Expected(unlisted, 2, 1, "1 comment"),
          new Expected(CommunityFixture.LISTED, CommunityFixture.BASELINE_UPVOTES + 1, CommunityFixture.BASELINE_COMMENTS,
              CommunityFixture.BASELINE_COMMENTS + " comments on the source list · 0 here"))) {
        JsonNode api = json(ada.get("/api/papers/" + e.id()));
        assertThat(api.get("upvotes").asInt()).as("API upvotes of " + e.id()).isEqualTo(e.upvotes());
        assertThat(api.get("numComments").asInt()).as("API comments of " + e.id()).isEqualTo(e.comments());
        try (Member anonymous = new Member(f.base())) {
          String page = anonymous.get("/papers/" + e.id()).body();
          assertThat(page).as("page of " + e.id()).contains("<span class=\"count\">" + e.upvotes() + "</span>")
              .contains(">" + e.commentsLabel() + "<");
        }
      }
    }
  }

  @StoreKinds
  void membersSubmitRecentPapersOnlyAndCuratorsAnythingAudited(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      HttpResponse<String> old = ada.post("/submit", Map.of("paper", "https://arxiv.org/abs/1707.08567"));
      assertThat(old.statusCode()).isEqualTo(400);
      assertThat(old.body()).contains("first appeared on 2017-07-27").contains("at most 14 days old");
      assertThat(ada.post("/submit", Map.of("paper", "not-an-id")).body()).contains("is not an arXiv id or URL");
      assertThat(ada.post("/submit", Map.of("paper", "0000.0000")).statusCode()).isIn(400, 404);

      f.app.accounts().addOrSetRole("cora@example.org", Role.CURATOR);
      try (Member cora = signIn(f, "cora@example.org")) {
        HttpResponse<String> ok = cora.post("/submit", Map.of("paper", "https://arxiv.org/abs/1707.08567v1"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/?date=2026-11-29#entry-1707.08567");
        assertThat(cora.get("/?date=2026-11-29").body()).contains("Proceedings of Workshop AEW10");
        HttpResponse<String> again = cora.post("/submit", Map.of("paper", "1707.08567"));
        assertThat(again.body()).contains("already on the list of 2026-11-29");
        assertThat(cora.post("/entries/pin", Map.of("paper", "1707.08567", "day", "2026-11-29", "pinned", "true")).statusCode())
            .isEqualTo(303);
        assertThat(ada.post("/entries/remove", Map.of("paper", "1707.08567", "day", "2026-11-29")).statusCode())
            .as("members do not remove entries").isEqualTo(403);
        assertThat(cora.post("/entries/remove", Map.of("paper", "1707.08567", "day", "2026-11-29")).statusCode()).isEqualTo(303);
      }
      f.app.accounts().addOrSetRole("root@example.org", Role.ADMIN);
      try (Member root = signIn(f, "root@example.org")) {
        assertThat(ada.get("/admin").statusCode()).isEqualTo(403);
        assertThat(ada.post("/admin/role", Map.of("email", "nobody@example.org", "role", "admin")).statusCode())
            .as("a member learns nothing about who has an account").isEqualTo(403);
        assertThat(root.post("/admin/role", Map.of("email", "ada@example.org", "role", "curator")).statusCode()).isEqualTo(303);
        String audit = root.get("/admin").body();
        assertThat(audit).contains("submit").contains("pin-entry").contains("remove-entry").contains("set-role");
        assertThat(audit).as("admins see how much of the corpus search reaches by meaning").containsPattern("vectors: [0-9,]+ of [0-9,]+ papers");
      }
    }
  }

  @StoreKinds
  void commentsAreEditedAndDeletedByTheirAuthorAndHiddenByCurators(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org"); Member bob = signIn(f, "bob@example.org")) {
      String id = CommunityFixture.LISTED;
      ada.post("/comments", Map.of("paper", id, "body", "first thought"));
      bob.post("/comments", Map.of("paper", id, "body", "buy cheap pills"));
      List<Long> ids = f.app.comments().threads(org.paperboy.paper.ArxivId.parse(id)).stream().map(t -> t.comment().id()).toList();
      long adas = ids.get(0), bobs = ids.get(1);
      assertThat(bob.post("/comments/" + adas + "/edit", Map.of("body", "hijacked")).statusCode()).isEqualTo(403);
      assertThat(bob.post("/comments/" + adas + "/hide", Map.of("hidden", "true")).statusCode()).isEqualTo(403);
      assertThat(ada.post("/comments/" + adas + "/edit", Map.of("body", "second thought")).statusCode()).isEqualTo(303);
      HttpResponse<String> tooLong = ada.post("/comments", Map.of("paper", id, "body", "x".repeat(5_001)));
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.body()).contains("at most 5000 characters");

      f.app.accounts().addOrSetRole("cora@example.org", Role.CURATOR);
      try (Member cora = signIn(f, "cora@example.org")) {
        assertThat(cora.post("/comments/" + bobs + "/hide", Map.of("hidden", "true")).statusCode()).isEqualTo(303);
      }
      String page = ada.get("/papers/" + id).body();
      assertThat(page).contains("second thought").contains("edited").doesNotContain("buy cheap pills")
          .contains("hidden by a curator");
      assertThat(ada.post("/comments/" + adas + "/delete", Map.of()).statusCode()).isEqualTo(303);
      assertThat(ada.get("/papers/" + id).body()).contains("deleted by its author").doesNotContain("second thought");
      assertThat(ada.get("/api/papers/" + id + "/comments").headers().firstValue("X-Total-Count")).contains("0");
      assertThat(f.app.auditLog().recent(10)).extracting(org.paperboy.community.AuditLog.Entry::action).contains("hide-comment");
    }
  }

  @StoreKinds
  void anonymousPagesStayImpersonalAndFollowVotes(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org"); Member anonymous = new Member(f.base())) {
      String path = "/papers/" + CommunityFixture.LISTED;
      assertThat(ada.get(path).body()).contains("name=\"csrf\"").contains(">ada</a>");
      assertThat(ada.get(path).headers().firstValue("Cache-Control")).hasValue("private, no-cache");
      String before = anonymous.get(path).body();
      assertThat(before).as("a signed-in member's render never reaches anyone else")
          .doesNotContain("name=\"csrf\"").doesNotContain(">ada</a>")
          .contains("<span class=\"count\">" + CommunityFixture.BASELINE_UPVOTES + "</span>");
      assertThat(ada.get("/").statusCode()).isEqualTo(200);
      assertThat(ada.post("/vote", Map.of("paper", CommunityFixture.LISTED)).statusCode()).isEqualTo(303);
      assertThat(ada.get(path).body()).as("signed in: at once").contains("<span class=\"count\">" + (CommunityFixture.BASELINE_UPVOTES + 1));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(anonymous.get(path).body()).as("the anonymous page follows the vote")
              .contains("<span class=\"count\">" + (CommunityFixture.BASELINE_UPVOTES + 1) + "</span>"));
    }
  }

  @StoreKinds
  void realVotesReorderADayAndPinnedEntriesComeFirst(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      var curator = f.app.accounts().addOrSetRole("cora@example.org", Role.CURATOR);
      for (String id : List.of("0704.0002", "0704.0003", "0704.0004")) {
        f.app.submissions().submit(curator, f.app.papers().find(org.paperboy.paper.ArxivId.parse(id)).orElseThrow(), "127.0.0.1");
        clock.advance(Duration.ofMinutes(1));
      }
      ada.get("/");
      ada.post("/vote", Map.of("paper", "0704.0003"));
      assertThat(order(ada.get("/?date=2026-11-29").body())).as("the upvoted one first, then the newest")
          .containsExactly("0704.0003", "0704.0004", "0704.0002");
      f.app.submissions().setPinned(curator, java.time.LocalDate.parse("2026-11-29"), org.paperboy.paper.ArxivId.parse("0704.0002"), true);
      assertThat(order(ada.get("/?date=2026-11-29").body())).containsExactly("0704.0002", "0704.0003", "0704.0004");
    }
  }

  private static List<String> order(String page) {
    return Pattern.compile("id=\"entry-([^\"]+)\"").matcher(page).results().map(r -> r.group(1)).toList();
  }

  @StoreKinds
  void anAnonymousCachedPageShowsAMembersNewNameWithinASecond(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org"); Member visitor = new Member(f.base())) {
      String paper = "/papers/" + CommunityFixture.LISTED;
      assertThat(ada.post("/profile", Map.of("displayName", "Ada Augusta", "affiliation", "", "links", "")).statusCode()).isEqualTo(303);
      assertThat(ada.post("/comments", Map.of("paper", CommunityFixture.LISTED, "body", "a fine result")).statusCode()).isEqualTo(303);
      // twice, so the second answer comes from the page cache
      visitor.get(paper);
      assertThat(visitor.get(paper).body()).contains("Ada Augusta", "a fine result");
      assertThat(ada.post("/profile", Map.of("displayName", "Ada Lovelace", "affiliation", "", "links", "")).statusCode()).isEqualTo(303);
      // cached pages check the data's version at most once a second
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(visitor.get(paper).body()).as("the anonymous cached page after the rename").contains("Ada Lovelace", "a fine result")
              .doesNotContain("Ada Augusta"));
      assertThat(visitor.get("/api/papers/" + CommunityFixture.LISTED + "/comments").body()).contains("Ada Lovelace")
          .doesNotContain("Ada Augusta");
    }
  }

  @StoreKinds
  void profileLimitsAnswer400AndSignOutEverywhereEndsSessions(String kind) {
    try (CommunityFixture f = fixture(kind); Member ada = signIn(f, "ada@example.org")) {
      HttpResponse<String> tooLong = ada.post("/profile", Map.of("displayName", "x".repeat(61), "affiliation", "", "links", ""));
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.body()).contains("at most 60 are allowed");
      assertThat(ada.post("/profile", Map.of("displayName", "Ada <b>L</b>", "affiliation", "Analytical Engines",
          "links", "https://example.org/ada")).statusCode()).isEqualTo(303);
      assertThat(ada.get("/").body()).contains("Ada &lt;b&gt;L&lt;/b&gt;");
      assertThat(ada.post("/signout/everywhere", Map.of()).statusCode()).isEqualTo(200);
      assertThat(ada.get("/").body()).contains(">Sign in</a>");
    }
  }

  @StoreKinds
  void theSessionCookieIsHttpOnlyLaxAndSecureBehindHttps(String kind) {
    try (CommunityFixture f = fixture(kind); Member m = new Member(f.base())) {
      m.get("/signin");
      m.post("/signin", Map.of("email", "ada@example.org"));
      String link = link(f);
      m.get(link);
      HttpResponse<String> r = m.post(link, Map.of(), "X-Forwarded-Proto", "https");
      String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("pb_session=")).findFirst().orElseThrow();
      assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("Secure");
    }
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }
}
