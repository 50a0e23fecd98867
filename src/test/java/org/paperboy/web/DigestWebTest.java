package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.digest.Subscription;
import org.paperboy.mail.QueuedMail;
import org.paperboy.support.MutableClock;

/** Subscribing over HTTP against a real server, on SQLite and PostgreSQL: double opt-in, one-click unsubscribe, the API. */
class DigestWebTest {
  private static final Pattern CONFIRM = Pattern.compile("https?://[^/\\s]+(/subscriptions/confirm/\\S+)");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  static String confirmPath(CommunityFixture f) {
    List<QueuedMail> mails = f.app.outbox().claimDue(100, Duration.ofMinutes(2));
    assertThat(mails).as("a confirmation mail in the outbox").isNotEmpty();
    Matcher m = CONFIRM.matcher(mails.getLast().mail().text());
    assertThat(m.find()).as(mails.getLast().mail().text()).isTrue();
    return m.group(1);
  }

  static HttpResponse<String> raw(String method, String url, String type, String body) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(WebFixture.TIMEOUT).header("Content-Type", type)
          .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @StoreKinds
  void theFooterBoxLeadsToDoubleOptInAndAMailClientUnsubscribesWithOneClick(String kind) throws Exception {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0); Member visitor = new Member(f.base())) {
      String home = visitor.get("/").body();
      assertThat(home).contains("<form class=\"subscribe\" action=\"/subscribe\" method=\"get\">");
      assertThat(visitor.get("/subscribe?email=ada%40example.org").body()).contains("value=\"ada@example.org\"");
      HttpResponse<String> asked = visitor.post("/subscribe", Map.of("email", "ada@example.org", "frequency", "weekly",
          "weekday", "5", "hour", "7", "timeZone", "Europe/Berlin", "keywords", "video, robots", "excluded", "survey"));
      assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
      assertThat(asked.body()).contains("Check your inbox");
      Subscription pending = f.app.subscriptions().findByEmail("ada@example.org").orElseThrow();
      assertThat(pending.status()).isEqualTo(Subscription.Status.PENDING);
      assertThat(pending.topics().keywords()).containsExactly("video", "robots");
      assertThat(pending.timeZone().getId()).isEqualTo("Europe/Berlin");

      String confirm = confirmPath(f);
      assertThat(visitor.get(confirm).body()).as("following the link only shows a button").contains("Confirm");
      assertThat(f.app.subscriptions().findByEmail("ada@example.org").orElseThrow().status()).isEqualTo(Subscription.Status.PENDING);
      assertThat(visitor.post(confirm, Map.of()).body()).contains("You are subscribed");
      Subscription active = f.app.subscriptions().findByEmail("ada@example.org").orElseThrow();
      assertThat(active.status()).isEqualTo(Subscription.Status.ACTIVE);

      // subscribing an address that is already subscribed answers exactly as a new address does
      HttpResponse<String> known = visitor.post("/subscribe", Map.of("email", "ada@example.org"));
      HttpResponse<String> unknown = visitor.post("/subscribe", Map.of("email", "zed@example.org"));
      assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(200);
      assertThat(known.headers().firstValue("content-type")).isEqualTo(unknown.headers().firstValue("content-type"));
      assertThat(known.body()).contains("Check your inbox").isEqualTo(unknown.body());

      // RFC 8058: a mail client POSTs the List-Unsubscribe URL with no cookie and no CSRF token
      String unsubscribe = f.app.subscriptions().unsubscribeUrl(f.base(), active.id());
      HttpResponse<String> oneClick = raw("POST", unsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
      assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
      assertThat(f.app.subscriptions().find(active.id()).orElseThrow().status()).isEqualTo(Subscription.Status.UNSUBSCRIBED);
      assertThat(raw("POST", f.base() + "/unsubscribe/forged.token", "application/x-www-form-urlencoded", "").statusCode())
          .isEqualTo(404);
    }
  }

  @StoreKinds
  void theManageLinkShowsAndChangesTheSubscription(String kind) {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0); Member visitor = new Member(f.base())) {
      visitor.get("/subscribe");
      visitor.post("/subscribe", Map.of("email", "bob@example.org", "categories", "cs.CL"));
      Subscription s = f.app.subscriptions().findByEmail("bob@example.org").orElseThrow();
      String manage = f.app.subscriptions().manageUrl("", s.id());
      assertThat(visitor.get(manage).body()).contains("bob@example.org").contains("value=\"cs.CL\"");
      HttpResponse<String> saved = visitor.post(manage, Map.of("frequency", "weekly", "weekday", "1", "hour", "9",
          "timeZone", "UTC", "categories", "cs.CV cs.RO", "interest", "robot learning"));
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
      Subscription changed = f.app.subscriptions().find(s.id()).orElseThrow();
      assertThat(changed.frequency()).isEqualTo(Subscription.Frequency.WEEKLY);
      assertThat(changed.topics().categories()).containsExactly("cs.CV", "cs.RO");
      assertThat(changed.topics().interest()).isEqualTo("robot learning");
      assertThat(visitor.post(manage, Map.of("categories", "not a category!")).statusCode()).isEqualTo(400);
      assertThat(visitor.get("/subscriptions/manage/" + "x".repeat(20)).statusCode()).isEqualTo(404);
    }
  }

  @StoreKinds
  void theJsonApiSubscribesValidatesAndIsRateLimited(String kind) throws Exception {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0)) {
      String api = f.base() + "/api/subscriptions";
      HttpResponse<String> ok = raw("POST", api, "application/json",
          "{\"email\":\"cy@example.org\",\"frequency\":\"daily\",\"hour\":6,\"timeZone\":\"Asia/Tokyo\","
              + "\"categories\":[\"cs.CL\"],\"interest\":\"efficient attention for long sequences\",\"exclude\":[\"survey\"]}");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
      Subscription s = f.app.subscriptions().findByEmail("cy@example.org").orElseThrow();
      assertThat(s.topics().interest()).isEqualTo("efficient attention for long sequences");
      assertThat(s.topics().excluded()).containsExactly("survey");
      assertThat(raw("POST", api, "application/json", "{not json").statusCode()).isEqualTo(400);
      HttpResponse<String> bad = raw("POST", api, "application/json", "{\"email\":\"nobody\"}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("not an email address");
      assertThat(raw("POST", api, "application/x-www-form-urlencoded", "email=x@example.org").statusCode())
          .as("a form post to the API still needs a CSRF token").isEqualTo(403);
      HttpResponse<String> again = raw("POST", api, "application/json", "{\"email\":\"cy@example.org\"}");
      assertThat(again.statusCode()).as("a known address gets the same answer").isEqualTo(202);
      assertThat(again.body()).isEqualTo(ok.body());
      raw("POST", api, "application/json", "{\"email\":\"cy@example.org\"}");
      HttpResponse<String> limited = raw("POST", api, "application/json", "{\"email\":\"cy@example.org\"}");
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @StoreKinds
  void aSignedInSubscriberPreviewsTheNextDigestAndReachesTheirSubscriptionFromTheAccount(String kind) {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0);
        Member ada = CommunityWebTest.signIn(f, "ada@example.org")) {
      HttpResponse<String> none = ada.get("/account/digest");
      assertThat(none.statusCode()).isEqualTo(303);
      assertThat(none.headers().firstValue("location")).hasValue("/subscribe?email=ada%40example.org");
      ada.get("/subscribe");
      ada.post("/subscribe", Map.of("email", "ada@example.org", "hour", "6"));
      f.app.subscriptions().confirm(confirmPath(f).substring("/subscriptions/confirm/".length()));
      HttpResponse<String> preview = ada.get("/digest/preview");
      assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
      assertThat(preview.body()).contains("Calculation of prompt diphoton production").contains("#1 trending today")
          .contains("Unsubscribe");
      assertThat(ada.get("/account/digest").headers().firstValue("location")).hasValueSatisfying(
          l -> assertThat(l).startsWith("/subscriptions/manage/"));
      try (Member stranger = new Member(f.base())) {
        assertThat(stranger.get("/digest/preview").statusCode()).isEqualTo(403);
      }
    }
  }

  @StoreKinds
  void adminsSeeSubscriptionsSuspendedForBouncing(String kind) {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0)) {
      f.app.accounts().addOrSetRole("root@example.org", org.paperboy.community.Role.ADMIN);
      try (Member admin = CommunityWebTest.signIn(f, "root@example.org")) {
        assertThat(admin.get("/admin").body()).contains("No bounced mail and no suspended subscription.");
        f.app.subscriptions().subscribe(new org.paperboy.digest.Subscriptions.Request("gone@example.org",
            Subscription.Frequency.DAILY, null, 8, "UTC", org.paperboy.digest.Topics.ALL), "10.0.0.1", f.base());
        Subscription s = f.app.subscriptions().confirm(confirmPath(f).substring("/subscriptions/confirm/".length()));
        for (int i = 0; i < 3; i++) f.app.subscriptions().recordPermanentFailure(s.id());
        assertThat(admin.get("/admin").body()).contains("digest subscription of gone@example.org suspended after 3");
      }
    }
  }
}
