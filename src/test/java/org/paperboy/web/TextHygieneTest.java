package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.support.MutableClock;

/**
 * What people type is kept and shown without control characters or bidi overrides, every free-text
 * field has a bound, feeds stay well-formed XML whatever the query, and addresses must be addresses.
 */
class TextHygieneTest {
  /** NUL, SOH, DEL, a C1 control, RIGHT-TO-LEFT OVERRIDE, and the isolates. */
  static final String NASTY = "\u0000\u0001\u007f\u0085\u202e\u2066\u2069";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @Test
  void namesAndCommentsAreKeptWithoutControlCharactersOrBidiOverrides() throws Exception {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(14), 0);
        Member ada = CommunityWebTest.signIn(f, "ada@example.org")) {
      assertThat(ada.post("/profile", Map.of("displayName", "Ada" + NASTY + " Lovelace", "affiliation", "Analytical" + NASTY,
          "links", "")).statusCode()).isEqualTo(303);
      assertThat(f.app.accounts().findByEmail("ada@example.org").orElseThrow().displayName()).isEqualTo("Ada Lovelace");
      assertThat(ada.post("/comments", Map.of("paper", CommunityFixture.LISTED, "body", "fine" + NASTY + "\r\nsecond line"))
          .statusCode()).isEqualTo(303);
      JsonNode thread = JSON.readTree(ada.get("/api/papers/" + CommunityFixture.LISTED + "/comments").body());
      JsonNode comment = thread.get(0);
      assertThat(comment.get("text").asText()).isEqualTo("fine\nsecond line");
      assertThat(comment.get("author").get("name").asText()).isEqualTo("Ada Lovelace");
    }
  }

  @Test
  void theSearchFeedIsWellFormedXmlWhateverTheQuery() throws Exception {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(14), 0);
        Member visitor = new Member(f.base())) {
      for (String q : List.of("diffusion%01", "diffusion%00", "quark%E2%80%AE", "%EF%BF%BEx")) {
        HttpResponse<String> feed = visitor.get("/feeds/search.atom?q=" + q);
        assertThat(feed.statusCode()).as(q).isEqualTo(200);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        xml.newDocumentBuilder().parse(new ByteArrayInputStream(feed.body().getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @Test
  void everyFreeTextFieldOfASubscriptionIsBounded() {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(14), 0);
        Member visitor = new Member(f.base())) {
      visitor.get("/subscribe");
      for (String field : List.of("excluded", "keywords", "categories", "interest")) {
        String huge = field.equals("categories") ? "cs.CL ".repeat(1005) : "x".repeat(6025);
        HttpResponse<String> r = visitor.post("/subscribe", Map.of("email", "reader@example.org", "frequency", "daily",
            "hour", "8", "timeZone", "UTC", field, huge));
        assertThat(r.statusCode()).as("%s of %d characters", field, huge.length()).isEqualTo(400);
      }
      HttpResponse<String> longWord = visitor.post("/subscribe", Map.of("email", "reader@example.org", "frequency", "daily",
          "hour", "8", "timeZone", "UTC", "excluded", "x".repeat(101)));
      assertThat(longWord.statusCode()).as("one word to leave out of 101 characters").isEqualTo(400);
    }
  }

  @Test
  void anAddressMustBeAnAddress() {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(14), 0);
        Member visitor = new Member(f.base())) {
      visitor.get("/signin");
      for (String bad : List.of("a@b", "a..b@example.org", ".a@example.org", "a.@example.org", "a@-example.org",
          "a@example..org", "a@example.123", "a b@example.org", "a@exam_ple.org", "\"a\"@example.org", "a@[127.0.0.1]",
          "x".repeat(65) + "@example.org", "a@" + "b".repeat(64) + ".org")) {
        assertThat(visitor.post("/signin", Map.of("email", bad)).statusCode()).as(bad).isEqualTo(400);
      }
      for (String good : List.of("Ada.Lovelace+papers@Example.ORG", "o'brien@example.co.uk", "x@bücher.example")) {
        assertThat(visitor.post("/signin", Map.of("email", good)).statusCode()).as(good).isEqualTo(200);
      }
      List<String> stored = f.app.database().jdbi().withHandle(h -> h.createQuery("SELECT email FROM signin_tokens ORDER BY email")
          .mapTo(String.class).list());
      assertThat(stored).containsExactly("ada.lovelace+papers@example.org", "o'brien@example.co.uk",
          "x@xn--bcher-kva.example");
    }
  }
}
