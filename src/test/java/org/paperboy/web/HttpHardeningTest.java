package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The server as an attacker and a careless client meet it, over real HTTP: odd bodies are 4xx with at
 * most one log line, every answer carries the security headers, HEAD answers like GET, other methods 405.
 */
class HttpHardeningTest {
  @TempDir static Path dir;
  static CommunityFixture f;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void start() {
    f = new CommunityFixture("sqlite", dir, Clock.systemUTC(), Duration.ofDays(14), 0);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @BeforeEach
  void captureTheLog() {
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void releaseTheLog() {
    root().detachAppender(log);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    // A body the server refuses by its length is answered before it is read. Sent blind, the client may
    // still be writing it when the server closes the connection after answering, and the reset then
    // loses the answer ("broken pipe"); with "Expect: 100-continue" the client waits for the verdict.
    if (body != null && body.length > RequestBodies.MAX_BYTES) b.expectContinue(true);
    if (contentType != null) b.header("Content-Type", contentType);
    if (headers.length > 0) b.headers(headers);
    // a client per request: the server closes a connection after refusing a body it did not read, and a
    // pooled connection reused after that would fail the next request instead of showing its answer
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + ": " + e, e);
    }
  }

  private void assertRefusedQuietly(HttpResponse<String> r, String what) {
    assertThat(r.statusCode()).as("%s: %s", what, r.body()).isBetween(400, 499);
    assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("at org.");
    List<ILoggingEvent> lines = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertThat(lines).as("%s: log lines at WARN and above", what).hasSizeLessThanOrEqualTo(1);
    assertThat(lines).as(what).allSatisfy(e -> assertThat(e.getThrowableProxy()).as("a stack trace").isNull());
  }

  @Test
  void aPostInACharsetNobodyKnowsIs400() {
    assertRefusedQuietly(send("POST", "/signin", "text/plain; charset=x", "email=a@example.org".getBytes()), "charset=x");
    assertRefusedQuietly(send("POST", "/comments", "application/x-www-form-urlencoded; charset=no-such-thing",
        "body=hi".getBytes()), "urlencoded, charset=no-such-thing");
  }

  @Test
  void aBrokenMultipartBodyIs400() {
    byte[] body = "--nope\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@example.org\r\n".getBytes();
    assertRefusedQuietly(send("POST", "/signin", "multipart/form-data; boundary=abc", body), "wrong boundary");
    assertRefusedQuietly(send("POST", "/signin", "multipart/form-data", body), "no boundary");
    assertRefusedQuietly(send("POST", "/unsubscribe/x", "multipart/form-data; boundary=abc", body), "one-click unsubscribe");
  }

  @ParameterizedTest
  @ValueSource(strings = {"multipart/form-data; boundary=b", "application/x-www-form-urlencoded", "application/json"})
  void aTenMegabyteBodyIsRefused(String type) {
    byte[] body = new byte[10 << 20];
    java.util.Arrays.fill(body, (byte) 'a');
    byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n").getBytes();
    System.arraycopy(head, 0, body, 0, head.length);
    String path = type.startsWith("application/json") ? "/api/subscriptions" : "/signin";
    assertRefusedQuietly(send("POST", path, type, body), "10 MB " + type);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (String path : List.of("/", "/papers/" + CommunityFixture.LISTED, "/signin", "/subscribe", "/api/daily_papers",
        "/feeds/daily.atom", "/no-such-page", "/static/site.css")) {
      HttpResponse<String> r = send("GET", path, null, null);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).as(path).contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
          .contains("object-src 'none'").contains("base-uri 'none'").contains("form-action 'self'")
          .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
      assertThat(r.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain http").isEmpty();
    }
    HttpResponse<String> overHttps = send("GET", "/", null, null, "X-Forwarded-Proto", "https");
    assertThat(overHttps.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
  }

  @Test
  void noPageHoldsAnInlineScript() {
    for (String path : List.of("/", "/papers/" + CommunityFixture.LISTED, "/signin", "/subscribe", "/search?q=quark", "/trending")) {
      String page = send("GET", path, null, null).body();
      assertThat(page.replaceAll("<script src=\"/static/[a-z-]+\\.js\" defer></script>", "")).as(path).doesNotContain("<script");
    }
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    for (String path : List.of("/", "/papers/" + CommunityFixture.LISTED, "/api/papers/" + CommunityFixture.LISTED,
        "/feeds/daily.atom", "/papers/9999.99999", "/no-such-page")) {
      HttpResponse<String> get = send("GET", path, null, null);
      HttpResponse<String> head = send("HEAD", path, null, null);
      assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
      assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
      assertThat(head.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
      assertThat(head.body()).as(path).isEmpty();
    }
  }

  @Test
  void aMethodARouteDoesNotTakeIs405() {
    for (Map.Entry<String, String> e : Map.of("PUT", "/", "DELETE", "/papers/" + CommunityFixture.LISTED, "PATCH", "/signin",
        "TRACE", "/", "GET", "/vote").entrySet()) {
      HttpResponse<String> r = send(e.getKey(), e.getValue(), null, null);
      assertThat(r.statusCode()).as("%s %s", e.getKey(), e.getValue()).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).as("%s %s", e.getKey(), e.getValue()).isPresent();
    }
    assertThat(send("GET", "/no-such-page", null, null).statusCode()).as("an unknown path stays 404").isEqualTo(404);
  }

  @Test
  void metricsCanBeRestrictedToABearerToken() {
    assertThat(send("GET", "/metrics", null, null).statusCode()).as("open by default").isEqualTo(200);
    f.server.restrictMetrics("s3cret-token");
    try {
      assertThat(send("GET", "/metrics", null, null).statusCode()).as("no token").isEqualTo(403);
      assertThat(send("GET", "/metrics", null, null, "Authorization", "Bearer wrong").statusCode()).as("a wrong token").isEqualTo(403);
      HttpResponse<String> scraped = send("GET", "/metrics", null, null, "Authorization", "Bearer s3cret-token");
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.body()).contains("http_server_requests_seconds");
    } finally {
      f.server.restrictMetrics(null);
    }
  }
}
