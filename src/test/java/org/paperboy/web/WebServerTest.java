package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.TestData;

class WebServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static WebFixture web;

  @BeforeAll
  static void start() {
    web = new WebFixture(dir);
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  static void assertSameKind(JsonNode expected, JsonNode actual, String where) {
    assertThat(actual).as("%s is missing", where).isNotNull();
    assertThat(actual.getNodeType()).as("%s: type in the public API is %s", where, expected.getNodeType())
        .isEqualTo(expected.getNodeType());
  }

  @Test
  void dailyPapersAnswersInTheItemShapeOfThePublicApi() throws Exception {
    JsonNode raw = JSON.readTree(Files.readString(TestData.path("hf-daily-papers/raw-api-examples/2026-08-14.json")));
    JsonNode ours = json(web.get("/api/daily_papers?date=2026-08-14&limit=100"));
    assertThat(ours.size()).isEqualTo(raw.size());
    Set<String> rawIds = new HashSet<>(), ourIds = new HashSet<>();
    raw.forEach(i -> rawIds.add(i.path("paper").path("id").asText()));
    ours.forEach(i -> ourIds.add(i.path("paper").path("id").asText()));
    assertThat(ourIds).isEqualTo(rawIds);

    JsonNode theirs = raw.get(0);
    JsonNode item = ours.get(0);
    for (String field : List.of("paper", "publishedAt", "title", "summary", "numComments", "submittedBy")) {
      assertSameKind(theirs.get(field), item.get(field), field);
    }
    for (String field : List.of("id", "title", "summary", "publishedAt", "upvotes", "authors", "submittedOnDailyAt")) {
      assertSameKind(theirs.path("paper").get(field), item.path("paper").get(field), "paper." + field);
    }
    assertSameKind(theirs.path("paper").path("authors").get(0).get("name"),
        item.path("paper").path("authors").get(0).get("name"), "paper.authors[].name");
    assertSameKind(theirs.path("submittedBy").get("name"), item.path("submittedBy").get("name"), "submittedBy.name");
    assertThat(item.path("publishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    // the older shape's field names are a subset of the newer one's; check them too
    JsonNode old = JSON.readTree(Files.readString(TestData.path("hf-daily-papers/raw-api-examples/2024-05-27.json"))).get(0);
    JsonNode ourOld = json(web.get("/api/daily_papers?date=2024-05-27")).get(0);
    old.fieldNames().forEachRemaining(f -> {
      if (!f.equals("mediaUrl")) assertSameKind(old.get(f), ourOld.get(f), f);
    });
    old.get("paper").fieldNames().forEachRemaining(f -> assertSameKind(old.get("paper").get(f), ourOld.get("paper").get(f), "paper." + f));
  }

  @Test
  void dailyPapersSelectsByWeekMonthAndSubmitterAndPages() throws Exception {
    JsonNode week = json(web.get("/api/daily_papers?week=2026-W33&limit=100"));
    assertThat(week).allSatisfy(i -> assertThat(i.path("paper").path("submittedOnDailyAt").asText()).isBetween("2026-08-09", "2026-08-17"));
    JsonNode page0 = json(web.get("/api/daily_papers?month=2026-08&limit=10&p=0"));
    JsonNode page1 = json(web.get("/api/daily_papers?month=2026-08&limit=10&p=1"));
    assertThat(page0).hasSize(10);
    assertThat(page1).hasSize(10);
    assertThat(page0.get(0).path("paper").path("id")).isNotEqualTo(page1.get(0).path("paper").path("id"));
    JsonNode bySubmitter = json(web.get("/api/daily_papers?date=2026-08-14&submitter=xiaochonglinghu"));
    assertThat(bySubmitter).isNotEmpty().allSatisfy(i ->
        assertThat(i.path("submittedBy").path("name").asText()).isEqualTo("xiaochonglinghu"));
    JsonNode trending = json(web.get("/api/daily_papers?week=2026-W33&sort=trending&limit=5"));
    assertThat(trending).hasSize(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "p=-1", "date=2024-13-01", "date=yesterday",
      "week=2024-W60", "week=24-22", "month=2024-13", "sort=random", "date=2024-05-27&week=2024-W22"})
  void badParametersAnswer400WithAJsonError(String query) throws Exception {
    HttpResponse<String> r = web.get("/api/daily_papers?" + query);
    assertThat(r.statusCode()).as(query + " -> " + r.body()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).isNotBlank();
  }

  @Test
  void otherApiMistakesAreClientErrorsToo() throws Exception {
    assertThat(web.get("/api/trending?window=year").statusCode()).isEqualTo(400);
    assertThat(web.get("/api/trending?limit=1000").statusCode()).isEqualTo(400);
    HttpResponse<String> missing = web.get("/api/papers/2401.99999");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("error").asText()).contains("2401.99999");
    assertThat(web.get("/api/papers/not-an-id").statusCode()).isEqualTo(404);
    assertThat(web.get("/api/nothing-here").statusCode()).isEqualTo(404);
    assertThat(web.get("/?date=2024-02-30").statusCode()).isEqualTo(400);
  }

  @Test
  void paperApiAcceptsOldStyleAndVersionedIds() throws Exception {
    JsonNode old = json(web.get("/api/papers/" + WebFixture.OLD_STYLE_ID + "v2"));
    assertThat(old.path("id").asText()).isEqualTo(WebFixture.OLD_STYLE_ID);
    JsonNode convLlava = json(web.get("/api/papers/2405.15738"));
    assertThat(convLlava.path("upvotes").asInt()).isEqualTo(32);
    assertThat(convLlava.path("numComments").asInt()).isEqualTo(3);
    assertThat(convLlava.path("listedOn").get(0).asText()).isEqualTo("2024-05-27");
  }

  @Test
  void trendingEndsAtTheLatestActivityForHistoricalDataAndSaysWhy() throws Exception {
    HttpResponse<String> answer = web.get("/api/trending?window=week&limit=10");
    JsonNode t = json(answer);
    assertThat(answer.headers().firstValue("X-Trending-Historical")).contains("true");
    assertThat(answer.headers().firstValue("X-Trending-To")).contains("2026-08-21");
    assertThat(answer.headers().firstValue("X-Trending-Window")).contains("week");
    assertThat(t).hasSize(10);
    double previous = Double.MAX_VALUE;
    for (JsonNode p : t) {
      assertThat(p.path("score").asDouble()).isLessThanOrEqualTo(previous);
      previous = p.path("score").asDouble();
      assertThat(p.path("why").asText()).matches("\\d+ upvotes?, \\d+ comments?, listed .*2026-08-21");
    }
    String page = web.get("/trending").body();
    assertThat(page).contains("historical data: the window ends at the latest activity, 2026-08-21").contains("half-life");
  }

  @Test
  void homeShowsTheLatestDayWithNavigationAndViews() {
    HttpResponse<String> home = web.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Friday, 2026-08-21").contains("href=\"/?date=2026-08-20\"")
        .contains("href=\"/?week=2026-W34\"").contains("href=\"/?month=2026-08\"");
    assertThat(web.get("/?week=2026-W33").body()).contains("Top of the week 2026-W33");
    assertThat(web.get("/?month=2026-08").body()).contains("Top of the month August 2026");
    assertThat(web.get("/papers/" + WebFixture.OLD_STYLE_ID).body())
        .contains("Strings on $AdS_5 \\times S^5$").contains("Phys. Rev. D 1 (1999)").contains("@misc{lovelace1999strings")
        .contains("https://arxiv.org/pdf/hep-th/9901001").contains("/search?q=au%3A%22Ada+Lovelace%22");
  }

  @Test
  void papersListedSinceTheLastVisitAreMarkedNew() {
    long before0821 = java.time.Instant.parse("2026-08-20T12:00:00Z").getEpochSecond();
    long longAgo = before0821 + 3600;
    String body = web.get("/?date=2026-08-21", "Cookie", "pb_visit=" + before0821 + ":" + longAgo).body();
    assertThat(body).contains("class=\"new\"");
    HttpResponse<String> first = web.get("/?date=2026-08-20");
    assertThat(first.body()).as("a first visit marks nothing").doesNotContain("class=\"new\"");
    assertThat(first.headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).contains("pb_visit="));
  }

  @Test
  void reloadsOfAnUnchangedPageAnswerNotModified() {
    HttpResponse<String> first = web.get("/papers/2405.15738");
    String etag = first.headers().firstValue("etag").orElseThrow();
    assertThat(web.get("/papers/2405.15738", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(first.headers().firstValue("last-modified")).as("a page is per visitor: no date validator").isEmpty();
    HttpResponse<String> api = web.get("/api/papers/2405.15738");
    String modified = api.headers().firstValue("last-modified").orElseThrow();
    assertThat(web.get("/api/papers/2405.15738", "If-Modified-Since", modified).statusCode()).isEqualTo(304);
    assertThat(web.get("/api/papers/2405.15738", "If-None-Match", api.headers().firstValue("etag").orElseThrow()).statusCode())
        .isEqualTo(304);
    assertThat(web.get("/api/daily_papers", "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
  }

  @Test
  void everythingAPaperSaysIsEscaped() {
    String body = web.get("/papers/" + WebFixture.EVIL_ID).body();
    assertThat(body).doesNotContain("<script>window").doesNotContain("<img src=x").doesNotContain("<b>bold");
    assertThat(body).contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;").contains("&amp;amp;")
        .contains("$\\alpha &lt; \\beta$");
    assertThat(web.get("/?date=" + WebFixture.EVIL_DAY).body()).doesNotContain("<script>window").doesNotContain("<img src=x");
  }

  @Test
  void searchAnswersAsJsonWithEscapedHighlightsAndRejectsBadQueries() throws Exception {
    HttpResponse<String> answer = web.get("/api/papers/search?q=ConvLLaVA&mode=bm25&limit=5");
    JsonNode r = json(answer);
    assertThat(r.isArray()).as("a bare array, as list_papers reads it").isTrue();
    assertThat(r.get(0).path("id").asText()).isEqualTo("2405.15738");
    assertThat(r.get(0).path("titleHtml").asText()).contains("<mark>ConvLLaVA</mark>");
    assertThat(r.get(0).path("upvotes").asInt()).as("the same paper object as /api/papers/{id}").isEqualTo(32);
    assertThat(answer.headers().firstValue("X-Total-Count")).hasValueSatisfying(t -> assertThat(Long.parseLong(t)).isPositive());
    assertThat(answer.headers().firstValue("X-Search-Mode")).contains("bm25");
    JsonNode evil = json(web.get("/api/papers/search?q=Mallory&mode=bm25"));
    assertThat(evil.get(0).path("snippetHtml").asText()).doesNotContain("<script>").doesNotContain("<img");
    assertThat(web.get("/api/papers/search?q=").statusCode()).isEqualTo(400);
    assertThat(web.get("/api/papers/search?q=x&mode=psychic").statusCode()).isEqualTo(400);
    assertThat(web.get("/api/papers/search?q=x&limit=500").statusCode()).isEqualTo(400);
    assertThat(web.get("/search?q=x&from=2025-02-01&to=2025-01-01").statusCode()).isEqualTo(400);
    assertThat(web.get("/search?q=" + "w".repeat(600)).statusCode()).isEqualTo(400);
  }

  @Test
  void similarPapersComeFromTheSearchFeature() throws Exception {
    JsonNode similar = json(web.get("/api/papers/0704.0033/similar?limit=3"));
    assertThat(similar).hasSize(3);
    assertThat(similar).allSatisfy(p -> assertThat(p.path("id").asText()).isNotEqualTo("0704.0033"));
    assertThat(json(web.get("/api/papers/2405.15738/similar")).isEmpty()).as("no vector yet: none, not an error").isTrue();
    assertThat(web.get("/api/papers/" + WebFixture.OLD_STYLE_ID + "/similar").statusCode()).isEqualTo(200);
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    assertThat(json(web.get("/health")).path("status").asText()).isEqualTo("ok");
    web.get("/ping");
    assertThat(web.get("/metrics").body()).contains("http_server_requests_seconds_count{route=\"/ping\"");
    JsonNode openApi = json(web.get("/api/openapi.json"));
    assertThat(openApi.path("openapi").asText()).startsWith("3.");
    for (String path : java.util.List.of("/api/daily_papers", "/api/papers/{id}", "/api/papers/{id}/comments",
        "/api/papers/search", "/api/papers/{id}/similar", "/api/trending", "/api/subscriptions")) {
      assertThat(openApi.path("paths").has(path)).as("OpenAPI describes %s", path).isTrue();
    }
  }
}
