package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.TestData;
import org.paperboy.db.StoreKinds;

@StoreKinds
class WebServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static WebFixture web;

  /** The store this run of the class is on ({@code @StoreKinds}); {@link #start} is given it too. */
  @Parameter String kind;

  @BeforeParameterizedClassInvocation
  static void start(String kind) {
    web = WebFixture.shared(kind);
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
    // ISO week 33 of 2026 runs from Monday 10 to Sunday 16 August: exactly the papers of those seven days' lists
    Set<String> weekIds = new HashSet<>(), dayIds = new HashSet<>();
    for (JsonNode i : allPages("/api/daily_papers?week=2026-W33")) {
      LocalDate listed = LocalDate.parse(i.path("paper").path("submittedOnDailyAt").asText().substring(0, 10));
      assertThat(listed).as(i.path("paper").path("id").asText()).isBetween(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 8, 16));
      weekIds.add(i.path("paper").path("id").asText());
    }
    for (LocalDate d = LocalDate.of(2026, 8, 10); !d.isAfter(LocalDate.of(2026, 8, 16)); d = d.plusDays(1)) {
      allPages("/api/daily_papers?date=" + d).forEach(i -> dayIds.add(i.path("paper").path("id").asText()));
    }
    assertThat(dayIds).as("the week has lists").isNotEmpty();
    assertThat(weekIds).isEqualTo(dayIds);
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
    assertThat(convLlava.path("numCommentsOnSource").asInt()).isEqualTo(3);
    assertThat(convLlava.path("numComments").asInt()).as("with the shared fixture's 2 here").isEqualTo(5);
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
      assertThat(p.path("why").asText()).matches("\\d+ upvotes?, \\d+ comments?( on the source list · \\d+ here)?, listed .*2026-08-21");
    }
    String page = web.get("/trending").body();
    assertThat(page).contains("historical data: the window ends at the latest activity, 2026-08-21").contains("half-life");
  }

  /** Latest on arXiv: the newest announcement day, of all categories or of one primary category. */
  @Test
  void latestListsTheNewestAnnouncementDayPerPrimaryCategory() {
    // the two cs.CV papers of 2025-03-19 are the newest of all; cs.RO's newest day is 2025-03-18
    String all = web.get("/latest").body();
    assertThat(all).contains("Latest on arXiv, announced 2025-03-19");
    assertThat(paperLinks(all)).hasSize(2).containsExactlyInAnyOrderElementsOf(web.latestAnnounced(null));

    String robotics = web.get("/latest?category=cs.RO").body();
    assertThat(robotics).contains("Latest on arXiv in cs.RO, announced 2025-03-18");
    assertThat(paperLinks(robotics)).hasSizeGreaterThan(5).containsExactlyInAnyOrderElementsOf(web.latestAnnounced("cs.RO"));
    // a category's own newest day, though another category has a newer one
    String images = web.get("/latest?category=eess.IV").body();
    assertThat(images).contains("Latest on arXiv in eess.IV, announced 2025-03-18");
    assertThat(paperLinks(images)).isNotEmpty().containsExactlyInAnyOrderElementsOf(web.latestAnnounced("eess.IV"))
        .doesNotContainAnyElementsOf(web.latestAnnounced("cs.RO"));
    assertThat(web.get("/latest?category=q-bio.NC").body())
        .contains("No paper with the primary category q-bio.NC has been announced in this store.")
        .doesNotContain("No announcements imported yet.");
    assertThat(web.get("/latest?category=%3Cb%3Ecs.XX").body()).as("a category as typed, escaped")
        .contains("primary category &lt;b&gt;cs.XX has been").doesNotContain("<b>cs.XX");
  }

  /** Every item of a paged list, page after page of 100. */
  static List<JsonNode> allPages(String path) throws Exception {
    List<JsonNode> items = new java.util.ArrayList<>();
    for (int p = 0; p < 50; p++) {
      JsonNode page = json(web.get(path + "&limit=100&p=" + p));
      page.forEach(items::add);
      if (page.size() < 100) return items;
    }
    throw new AssertionError(path + " has more than 50 pages");
  }

  /** The papers an HTML list links to, once each, in order. */
  static List<String> paperLinks(String html) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<h3><a href=\"/papers/([^\"]+)\">").matcher(html);
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) ids.add(m.group(1));
    return ids;
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
  void aSearchThatCannotRunSaysWhyAboveTheSameFormFilledIn() throws Exception {
    HttpResponse<String> r = web.get("/search?q=foo%3Abar&mode=bm25&category=cs.CL");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("role=\"alert\"", "unknown field ")
        .contains("<form action=\"/search\"", "value=\"foo:bar\"", "value=\"cs.CL\"")
        .containsPattern("<option value=\"bm25\" selected");
    HttpResponse<String> dates = web.get("/search?q=quark&from=2025-13-01");
    assertThat(dates.statusCode()).isEqualTo(400);
    assertThat(dates.body()).contains("from", "<form action=\"/search\"", "value=\"quark\"");
  }

  @Test
  void searchModesAreUnderstoodByTheNamesTheFormShows() throws Exception {
    HttpResponse<String> keywords = web.get("/search?q=ConvLLaVA&mode=keywords");
    assertThat(keywords.statusCode()).isEqualTo(200);
    assertThat(keywords.body()).contains("1 result (bm25").containsPattern("<option value=\"bm25\" selected");
    HttpResponse<String> meaning = web.get("/search?q=ConvLLaVA&mode=Meaning");
    assertThat(meaning.statusCode()).isEqualTo(200);
    assertThat(meaning.body()).containsPattern("<option value=\"semantic\" selected");
    assertThat(web.get("/api/papers/search?q=ConvLLaVA&mode=keywords").statusCode()).isEqualTo(200);
    HttpResponse<String> typo = web.get("/search?q=ConvLLaVA&mode=meanig");
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.body()).contains("role=\"alert\"", "unknown search mode 'meanig'", "semantic (meaning)");
  }

  @Test
  void oneResultIsOneResult() throws Exception {
    assertThat(web.get("/api/papers/search?q=ConvLLaVA&mode=bm25").headers().firstValue("X-Total-Count"))
        .as("the fixture has one ConvLLaVA paper").hasValue("1");
    assertThat(web.get("/search?q=ConvLLaVA&mode=bm25").body()).contains("1 result (").doesNotContain("1 results");
  }

  @Test
  void similarPapersComeFromTheSearchFeature() throws Exception {
    JsonNode similar = json(web.get("/api/papers/0704.0033/similar?limit=3"));
    assertThat(similar).hasSize(3);
    assertThat(similar).allSatisfy(p -> assertThat(p.path("id").asText()).isNotEqualTo("0704.0033"));
    assertThat(similar).allSatisfy(p -> assertThat(p.path("basis").asText()).isEqualTo("meaning"));
    JsonNode byWords = json(web.get("/api/papers/2405.15738/similar"));
    assertThat(byWords).as("no vector yet: neighbours by words, labelled so").isNotEmpty()
        .allSatisfy(p -> assertThat(p.path("basis").asText()).isEqualTo("words"))
        .noneSatisfy(p -> assertThat(p.path("id").asText()).isEqualTo("2405.15738"));
    assertThat(web.get("/api/papers/" + WebFixture.OLD_STYLE_ID + "/similar").statusCode()).isEqualTo(200);
  }

  @Test
  void monitoringDoesNotCountAsPagesServed() {
    long before = web.server.pagesServed();
    web.get("/health");
    web.get("/metrics");
    assertThat(web.server.pagesServed()).as("background embedding backs off for visitors, not for monitoring")
        .isEqualTo(before);
    web.get("/ping");
    assertThat(web.server.pagesServed()).isEqualTo(before + 1);
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    JsonNode health = json(web.get("/health"));
    assertThat(health.path("status").asText()).isEqualTo("ok");
    // the fixture gave its 200 arXiv papers full vectors, and none to the papers the feed created
    JsonNode vectors = health.path("vectors");
    assertThat(vectors.path("full").asInt()).isEqualTo(200);
    assertThat(vectors.path("title").asInt()).isZero();
    assertThat(vectors.path("static").asInt()).as("papers whose best vector is a static one").isZero();
    assertThat(vectors.path("indexed").asLong()).isEqualTo(health.path("papers").asLong()).isGreaterThan(200);
    assertThat(vectors.path("share").asDouble()).isBetween(0.0, 1.0);
    web.get("/ping");
    String metrics = web.get("/metrics").body();
    assertThat(metrics).contains("http_server_requests_seconds_count{route=\"/ping\"");
    assertThat(metrics).containsPattern("paperboy_vectors_papers\\{tier=\"full\",?\\} 200\\.0");
    assertThat(metrics).containsPattern("paperboy_vectors_papers\\{tier=\"static\",?\\} 0\\.0");
    assertThat(metrics).contains("paperboy_vectors_eta_seconds");
    JsonNode openApi = json(web.get("/api/openapi.json"));
    assertThat(openApi.path("openapi").asText()).startsWith("3.");
    for (String path : java.util.List.of("/api/daily_papers", "/api/papers/{id}", "/api/papers/{id}/comments",
        "/api/papers/search", "/api/papers/{id}/similar", "/api/trending", "/api/subscriptions")) {
      assertThat(openApi.path("paths").has(path)).as("OpenAPI describes %s", path).isTrue();
    }
  }
}
