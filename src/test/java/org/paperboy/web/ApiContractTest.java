package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.paperboy.db.StoreKinds;

/**
 * Every /api route's answers run through the rules the official papers client relies on
 * ({@link DialectRules}: what {@code huggingface_hub}'s PaperInfo parsing needs), and through the
 * OpenAPI document's own schemas; the document itself is read by a real OpenAPI parser and must
 * describe exactly the routes there are.
 */
@StoreKinds
class ApiContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOC = "https://paperboy.test/openapi.json";

  static LivingWeb living;
  static WebFixture web;
  static String openApi;

  /** One request: the route as the OpenAPI document names it, and the status it must answer; {@code member}: signed in. */
  record Call(String method, String route, String path, String body, int status, boolean member) {
    static Call get(String route, String path, int status) {
      return new Call("GET", route, path, null, status, false);
    }

    static Call post(String route, String body, int status) {
      return new Call("POST", route, route, body, status, false);
    }

    static Call asMember(String route, String path, int status) {
      return new Call("GET", route, path, null, status, true);
    }
  }

  static final List<Call> CALLS = List.of(
      Call.get("/api/daily_papers", "/api/daily_papers?date=2026-08-14&limit=100", 200),
      Call.get("/api/daily_papers", "/api/daily_papers?date=2024-05-27", 200),
      Call.get("/api/daily_papers", "/api/daily_papers?week=2026-W33&sort=trending&limit=10", 200),
      Call.get("/api/daily_papers", "/api/daily_papers?date=2026-08-14&sort=starGrowth", 200),
      Call.get("/api/daily_papers", "/api/daily_papers?month=2026-08&p=1&limit=5", 200),
      Call.get("/api/daily_papers", "/api/daily_papers?sort=random", 400),
      Call.get("/api/daily_papers.md", "/api/daily_papers.md?date=2026-08-14", 200),
      Call.get("/api/daily_papers.md", "/api/daily_papers.md?date=2026-02-30", 400),
      Call.get("/api/papers/{id}", "/api/papers/2608.13489", 200),
      Call.get("/api/papers/{id}", "/api/papers/2405.15738", 200),
      Call.get("/api/papers/{id}", "/api/papers/" + WebFixture.OLD_STYLE_ID, 200),
      Call.get("/api/papers/{id}", "/api/papers/" + WebFixture.EVIL_ID, 200),
      Call.get("/api/papers/{id}", "/api/papers/2401.99999", 404),
      Call.get("/api/papers/search", "/api/papers/search?q=world+model&mode=bm25&limit=10", 200),
      Call.get("/api/papers/search", "/api/papers/search?q=Mallory", 200),
      Call.get("/api/papers/search", "/api/papers/search?q=", 400),
      Call.get("/api/papers/{id}/similar", "/api/papers/0704.0033/similar?limit=3", 200),
      Call.get("/api/papers/{id}/similar", "/api/papers/2401.99999/similar", 404),
      Call.get("/api/papers/{id}/comments", "/api/papers/2405.15738/comments", 200),
      Call.get("/api/papers/{id}/comments", "/api/papers/2401.99999/comments", 404),
      Call.get("/api/trending", "/api/trending?window=month&limit=20", 200),
      Call.get("/api/trending", "/api/trending?window=year", 400),
      Call.asMember("/api/for-you", "/api/for-you?limit=10", 200),
      Call.asMember("/api/for-you", "/api/for-you?limit=500", 400),
      Call.get("/api/for-you", "/api/for-you", 404),
      Call.post("/api/subscriptions", "{\"email\":\"ada@example.org\",\"frequency\":\"weekly\"}", 202),
      Call.post("/api/subscriptions", "{\"email\":\"nobody\"}", 400),
      Call.get(null, "/api/nothing-here", 404));

  /** The store this run of the class is on ({@code @StoreKinds}); {@link #start} is given it too. */
  @Parameter String kind;

  @BeforeParameterizedClassInvocation
  static void start(String kind) {
    // with a discussion, and a repository whose stars grew, so every field has something to show
    living = LivingWeb.shared(kind);
    web = living.web();
    openApi = web.get("/api/openapi.json").body();
  }

  @Test
  void everyApiAnswerFollowsTheOfficialClientsRulesAndTheOpenApiSchemas() throws Exception {
    SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(Map.of(DOC, openApi)));
    JsonNode doc = JSON.readTree(openApi);
    List<String> problems = new ArrayList<>();
    for (Call call : CALLS) {
      HttpResponse<String> r = send(call);
      String where = call.method() + " " + call.path() + " → " + r.statusCode();
      if (r.statusCode() != call.status()) {
        problems.add(where + ": expected " + call.status() + " (" + r.body() + ")");
        continue;
      }
      String type = r.headers().firstValue("content-type").orElse("");
      if (call.route() != null && call.route().endsWith(".md") && r.statusCode() == 200) {
        if (!type.startsWith("text/markdown")) problems.add(where + ": Markdown served as " + type);
        continue;
      }
      if (!type.startsWith("application/json")) {
        problems.add(where + ": not JSON but " + type);
        continue;
      }
      JsonNode body = JSON.readTree(r.body());
      DialectRules.check(body, r.statusCode(), problems, where);
      if (call.route() == null) continue;
      String pointer = "/paths/" + escape(call.route()) + "/" + call.method().toLowerCase() + "/responses/" + r.statusCode();
      JsonNode response = doc.at(pointer);
      if (response.isMissingNode()) {
        problems.add(where + ": the OpenAPI document has no " + r.statusCode() + " answer for " + call.route());
        continue;
      }
      response.path("headers").fieldNames().forEachRemaining(h -> {
        if (r.headers().firstValue(h).isEmpty()) problems.add(where + ": the documented header " + h + " is missing");
      });
      Schema schema = schemas.getSchema(SchemaLocation.of(DOC + "#" + pointer + "/content/application~1json/schema"));
      schema.validate(r.body(), InputFormat.JSON).forEach(e -> problems.add(where + ": " + e));
    }
    assertThat(problems).as("answers that break the dialect or the OpenAPI document").isEmpty();
  }

  @Test
  void theOpenApiDocumentIsValidAndDescribesExactlyTheApiRoutes() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(openApi, null, options);
    assertThat(parsed.getMessages()).as("the OpenAPI parser's complaints").isEmpty();
    assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");

    Set<String> documented = new HashSet<>();
    parsed.getOpenAPI().getPaths().forEach((route, item) ->
        item.readOperationsMap().keySet().forEach(m -> documented.add(m.name() + " " + route)));
    Set<String> answered = new HashSet<>();
    for (Call c : CALLS) if (c.route() != null && c.status() < 300) answered.add(c.method() + " " + c.route());
    assertThat(answered).as("every documented operation is called with success, and nothing else").isEqualTo(documented);
  }

  @Test
  void everyApiRouteTheServerAnswersIsDocumentedAndCalledHere() throws Exception {
    Set<String> served = new HashSet<>();
    for (String route : web.server.routes()) {
      // the document itself is not one of the operations it describes
      if (route.split(" ", 2)[1].startsWith("/api/") && !route.endsWith(" /api/openapi.json")) served.add(route);
    }
    Set<String> documented = new HashSet<>();
    JSON.readTree(openApi).path("paths").properties().forEach(path ->
        path.getValue().properties().forEach(op -> documented.add(op.getKey().toUpperCase() + " " + path.getKey())));
    assertThat(served).as("routes under /api/ (a new one needs its OpenAPI entry and a call in CALLS)")
        .isNotEmpty().isEqualTo(documented);
  }

  @Test
  void theRulesAndTheSchemasCatchWhatWouldBreakTheClient() throws Exception {
    String good = "{\"paper\":{\"id\":\"2405.15738\",\"title\":\"t\",\"summary\":\"s\",\"upvotes\":1,\"numComments\":0,"
        + "\"numCommentsHere\":0,\"numCommentsOnSource\":0,\"authors\":[{\"name\":\"A\"}],\"categories\":[],\"codeLinks\":[],\"submittedOnDailyAt\":\"2024-05-27T00:00:00.000Z\"},"
        + "\"publishedAt\":\"2024-05-27T00:00:00.000Z\",\"title\":\"t\",\"summary\":\"s\",\"numComments\":0,"
        + "\"isAuthorParticipating\":false}";
    Schema item = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(DOC, openApi)))
        .getSchema(SchemaLocation.of(DOC + "#/components/schemas/DailyItem"));
    assertThat(item.validate(good, InputFormat.JSON)).isEmpty();
    assertThat(rules(good)).isEmpty();
    Map<String, String> broken = Map.of(
        "a date without milliseconds", good.replace("\"2024-05-27T00:00:00.000Z\",\"title", "\"2024-05-27T00:00:00Z\",\"title"),
        "a null paper", good.replaceFirst("\"paper\":\\{.*?\\},\"publishedAt", "\"paper\":null,\"publishedAt"),
        "authors as strings", good.replace("[{\"name\":\"A\"}]", "[\"A\"]"),
        "a submitter as a string", good.replace("\"isAuthorParticipating\"", "\"submittedBy\":\"ada\",\"isAuthorParticipating\""));
    broken.forEach((what, json) -> {
      assertThat(rules(json)).as("the rules catch " + what).isNotEmpty();
      assertThat(item.validate(json, InputFormat.JSON)).as("the schema catches " + what).isNotEmpty();
    });
    assertThat(item.validate(good.replace("\"title\":\"t\",\"summary\":\"s\",\"numComments", "\"title\":\"t\",\"summary\":\"s\",\"secret\":1,\"numComments"),
        InputFormat.JSON)).as("an undocumented field").isNotEmpty();
    List<String> problems = new ArrayList<>();
    DialectRules.check(JSON.readTree("{\"message\":\"not found\"}"), 404, problems, "an error without 'error'");
    assertThat(problems).isNotEmpty();
  }

  private static List<String> rules(String json) {
    List<String> problems = new ArrayList<>();
    try {
      DialectRules.check(JSON.readTree(json), 200, problems, "sample");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return problems;
  }

  @Test
  void papersAreTheSameObjectWhereverTheyAppear() throws Exception {
    JsonNode alone = JSON.readTree(web.get("/api/papers/2608.13489").body());
    assertThat(alone.path("githubRepo").asText()).isEqualTo("https://github.com/AMAP-ML/DreamX-Phi");
    assertThat(alone.path("githubStars").asInt()).isEqualTo(63);
    assertThat(alone.path("githubStarGrowth").asInt()).isEqualTo(40);
    assertThat(alone.path("submittedOnDailyAt").asText()).isEqualTo("2026-08-14T00:00:00.000Z");
    assertThat(alone.path("submittedOnDailyBy").path("user").asText()).isEqualTo("xiaochonglinghu");
    JsonNode inSearch = null;
    for (JsonNode hit : JSON.readTree(web.get("/api/papers/search?q=DreamX-Phi&mode=bm25").body())) {
      if (hit.path("id").asText().equals("2608.13489")) inSearch = hit;
    }
    assertThat(inSearch).as("found by search").isNotNull();
    for (String field : List.of("id", "title", "summary", "publishedAt", "upvotes", "numComments", "authors",
        "submittedOnDailyAt", "submittedOnDailyBy", "githubRepo", "githubStars", "categories", "listedOn", "codeLinks")) {
      assertThat(inSearch.get(field)).as(field).isEqualTo(alone.get(field));
    }
    JsonNode item = JSON.readTree(web.get("/api/daily_papers?date=2026-08-14&sort=starGrowth&limit=1").body()).get(0);
    assertThat(item.path("paper").path("id").asText()).as("the repository that grew most comes first").isEqualTo("2608.13489");
  }

  private static HttpResponse<String> send(Call call) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(web.url(call.path())));
    if (call.member()) b.header("Cookie", Sessions.COOKIE + "=" + living.memberSession());
    if (call.body() != null) {
      b.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
    }
    return web.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String escape(String route) {
    return route.replace("~", "~0").replace("/", "~1");
  }
}
