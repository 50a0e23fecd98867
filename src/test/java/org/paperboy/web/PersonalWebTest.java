package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.paper.ArxivId;
import org.paperboy.personal.Follow;
import org.paperboy.personal.PaperCollection;

class PersonalWebTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;


  @StoreKinds
  void everyPersonalRouteIs404ForAnotherMemberAndForAnAnonymousVisitor(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example");
        Member bob = f.signIn("bob@lab.example"); Member anon = new Member(f.base())) {
      String paper = f.sample.liked().getFirst();
      assertThat(ada.post("/save", Map.of("paper", paper)).statusCode()).isEqualTo(303);
      assertThat(ada.post("/collections", Map.of("name", "Théorie <b>")).statusCode()).isEqualTo(303);
      assertThat(ada.post("/follow", Map.of("kind", "category", "target", "cs.CR")).statusCode()).isEqualTo(303);
      long adaId = f.app.accounts().findByEmail("ada@lab.example").orElseThrow().id();
      PaperCollection list = f.app.collections().readingList(adaId);
      Follow follow = f.app.follows().of(adaId).getFirst();
      String feed = "/feeds/follow/" + follow.id() + "/" + f.app.follows().feedToken(follow) + ".atom";
      assertThat(ada.get(feed).statusCode()).as("the owner's feed link works without a session too").isEqualTo(200);

      anon.get("/signin");
      List<String> gets = List.of("/collections/" + list.id(), "/collections/" + list.id() + "/export.bib",
          "/collections/" + list.id() + "/export.csv", "/collections/" + list.id() + "/feed.atom");
      for (String path : gets) {
        assertThat(ada.get(path).statusCode()).as("ada " + path).isEqualTo(path.endsWith("feed.atom") ? 404 : 200);
        assertThat(bob.get(path).statusCode()).as("bob " + path).isEqualTo(404);
        assertThat(anon.get(path).statusCode()).as("anonymous " + path).isEqualTo(404);
      }
      for (String path : List.of("/api/for-you", "/follows", "/collections", "/account/data.json")) {
        assertThat(anon.get(path).statusCode()).as("anonymous " + path).isEqualTo(404);
      }
      assertThat(anon.get("/feeds/follow/" + follow.id() + "/wrong.atom").statusCode()).isEqualTo(404);
      Map<String, Map<String, String>> posts = Map.of(
          "/collections/" + list.id() + "/public", Map.of("public", "true"),
          "/collections/" + list.id() + "/import", Map.of("text", "0704.0001"),
          "/collections/" + list.id() + "/rename", Map.of("name", "mine now"),
          "/follows/" + follow.id() + "/delete", Map.of(),
          "/follows/" + follow.id() + "/revoke", Map.of(),
          "/save", Map.of("paper", paper, "collection", Long.toString(list.id()), "remove", "true"));
      for (var e : posts.entrySet()) {
        assertThat(bob.post(e.getKey(), e.getValue()).statusCode()).as("bob POST " + e.getKey()).isEqualTo(404);
        assertThat(anon.post(e.getKey(), e.getValue()).statusCode()).as("anonymous POST " + e.getKey()).isEqualTo(404);
      }
      assertThat(f.app.collections().papers(list.id())).extracting(s -> s.paper().value()).containsExactly(paper);
      assertThat(f.app.collections().visibleTo(null, list.id())).as("still private").isEmpty();
      assertThat(ada.get(feed).statusCode()).as("the feed link was not revoked by bob").isEqualTo(200);
      assertThat(bob.get("/collections").body()).doesNotContain("Théorie");
      assertThat(ada.get("/collections").body()).contains("Théorie &lt;b&gt;").doesNotContain("Théorie <b>");

      assertThat(ada.post("/collections/" + list.id() + "/public", Map.of("public", "true")).statusCode()).isEqualTo(303);
      assertThat(anon.get("/collections/" + list.id()).statusCode()).as("made public").isEqualTo(200);
      assertThat(anon.get("/collections/" + list.id() + "/feed.atom").body()).contains(paper);
    }
  }

  @StoreKinds
  void savingDismissingAndFollowingChangeForYouOnTheNextPage(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example")) {
      assertThat(ada.get("/for-you").body()).contains("Save three papers you like");
      assertThat(ada.get("/api/for-you").headers().firstValue("X-For-You-Cold-Start")).contains("true");

      String ids = String.join("\n", f.sample.liked());
      assertThat(ada.post("/collections/" + readingList(f, ada) + "/import", Map.of("text", ids + "\nnonsense")).body())
          .contains(f.sample.liked().size() + " added").contains("line " + (f.sample.liked().size() + 1) + ": 'nonsense' is not an arXiv id");
      var answer = ada.get("/api/for-you?limit=20");
      assertThat(answer.headers().firstValue("X-For-You-Cold-Start")).contains("false");
      JsonNode feed = JSON.readTree(answer.body());
      List<String> top = ids(feed);
      assertThat(top).as("the author's own new papers").containsAnyElementsOf(f.sample.relevant());
      assertThat(feed.get(0).get("why").asText()).startsWith("like “").endsWith("in your Reading list");

      String first = top.getFirst();
      assertThat(ada.post("/dismiss", Map.of("paper", first), "Accept", "application/json").body()).contains("\"dismissed\":true");
      assertThat(ids(JSON.readTree(ada.get("/api/for-you?limit=100").body()))).doesNotContain(first);
      assertThat(ada.get("/for-you").body()).doesNotContain("/papers/" + first + "\"");

      assertThat(ada.post("/follow", Map.of("kind", "search", "target", "large language models", "mode", "bm25")).statusCode())
          .isEqualTo(303);
      assertThat(ada.get("/follows").body()).contains("“large language models”").contains("/feeds/follow/");
      assertThat(ada.get("/account/data.json").body()).contains("\"target\" : \"large language models\"")
          .contains(f.sample.liked().getFirst()).contains("\"notInterested\"");
    }
  }

  @StoreKinds
  void forYouHasAPrivateAtomFeedThatANewLinkRevokes(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example");
        Member bob = f.signIn("bob@lab.example"); Member anon = new Member(f.base())) {
      ada.post("/collections/" + readingList(f, ada) + "/import", Map.of("text", String.join("\n", f.sample.liked())));
      String page = ada.get("/for-you").body();
      String feed = feedLink(page);
      assertThat(page).as("feed readers find it in the head too")
          .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"For you\" href=\"" + feed + "\">");

      anon.get("/signin");
      HttpResponse<String> atom = anon.get(feed);
      assertThat(atom.statusCode()).as("the link is the key: no session needed").isEqualTo(200);
      assertThat(atom.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");
      JsonNode api = JSON.readTree(ada.get("/api/for-you?limit=50").body());
      assertThat(entryIds(atom.body())).as("the ranking, in its order").isEqualTo(ids(api)).hasSizeGreaterThan(PersonalHandlers.PAGE);
      assertThat(atom.body()).contains("<summary type=\"text\">" + xmlText(api.get(0).get("why").asText()) + ". ");

      String bobs = feedLink(bob.get("/for-you").body());
      assertThat(bobs).isNotEqualTo(feed);
      String adaId = feed.split("/")[3];
      String bobId = bobs.split("/")[3];
      String adaToken = feed.split("/")[4];
      assertThat(anon.get("/feeds/for-you/" + bobId + "/" + adaToken).statusCode()).as("ada's token on bob").isEqualTo(404);
      assertThat(anon.get("/feeds/for-you/" + adaId + "/x" + adaToken).statusCode()).isEqualTo(404);
      assertThat(anon.get("/feeds/for-you/nobody/" + adaToken).statusCode()).isEqualTo(404);
      long followId = f.app.follows().follow(Long.parseLong(adaId), Follow.Kind.CATEGORY, "cs.CL", "", "").id();
      String followToken = f.app.follows().feedToken(f.app.follows().of(Long.parseLong(adaId)).getFirst());
      assertThat(anon.get("/feeds/for-you/" + followId + "/" + followToken + ".atom").statusCode())
          .as("a follow's token opens no For you feed").isEqualTo(404);

      assertThat(anon.post("/for-you/feed/revoke", Map.of()).statusCode()).isEqualTo(404);
      assertThat(bob.post("/for-you/feed/revoke", Map.of()).statusCode()).isEqualTo(303);
      assertThat(anon.get(feed).statusCode()).as("bob's new link is bob's alone").isEqualTo(200);
      assertThat(ada.post("/for-you/feed/revoke", Map.of()).statusCode()).isEqualTo(303);
      assertThat(anon.get(feed).statusCode()).as("revoked").isEqualTo(404);
      String renewed = feedLink(ada.get("/for-you").body());
      assertThat(renewed).isNotEqualTo(feed);
      assertThat(entryIds(anon.get(renewed).body())).as("the ranking as it is now, with the category followed above")
          .isEqualTo(ids(JSON.readTree(ada.get("/api/for-you?limit=50").body())));

      assertThat(ada.post("/account/delete", Map.of("confirm", "DELETE")).statusCode()).isEqualTo(303);
      assertThat(anon.get(renewed).statusCode()).as("an erased member's feed is gone").isEqualTo(404);
    }
  }

  /** A feed reader goes from a feed's title to its page: each personal feed names the page of the same papers. */
  @StoreKinds
  void eachPersonalFeedLinksBackToThePageOfItsPapers(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example");
        Member anon = new Member(f.base())) {
      long list = readingList(f, ada);
      ada.post("/collections/" + list + "/import", Map.of("text", String.join("\n", f.sample.liked())));
      ada.post("/collections/" + list + "/public", Map.of("public", "true"));
      ada.post("/follow", Map.of("kind", "author", "target", "Ada Lovelace"));
      ada.post("/follow", Map.of("kind", "category", "target", "cs.CL"));
      ada.post("/follow", Map.of("kind", "search", "target", "graph & trees", "mode", "meaning", "category", "cs.LG"));
      long adaId = f.app.accounts().findByEmail("ada@lab.example").orElseThrow().id();
      Map<String, String> pages = new java.util.LinkedHashMap<>();
      for (Follow follow : f.app.follows().of(adaId)) {
        pages.put("/feeds/follow/" + follow.id() + "/" + f.app.follows().feedToken(follow) + ".atom", switch (follow.kind()) {
          case AUTHOR -> "/search?q=au%3A%22Ada+Lovelace%22";
          case CATEGORY -> "/latest?category=cs.CL";
          case SEARCH -> "/search?q=graph+%26+trees&mode=semantic&category=cs.LG";
        });
      }
      assertThat(pages).hasSize(3);
      pages.put(feedLink(ada.get("/for-you").body()), "/for-you");
      pages.put("/collections/" + list + "/feed.atom", "/collections/" + list);
      for (var e : pages.entrySet()) {
        String atom = anon.get(e.getKey()).body();
        String head = atom.contains("<entry>") ? atom.substring(0, atom.indexOf("<entry>")) : atom;
        var m = java.util.regex.Pattern.compile("<link rel=\"alternate\" href=\"([^\"]+)\" type=\"text/html\"").matcher(head);
        assertThat(m.find()).as("the feed's own alternate link: " + e.getKey()).isTrue();
        assertThat(m.group(1).replace("&amp;", "&")).as(e.getKey()).isEqualTo(f.base() + e.getValue());
        assertThat(ada.get(e.getValue()).statusCode()).as("the page " + e.getValue()).isEqualTo(200);
      }
    }
  }

  private static String feedLink(String page) {
    var m = java.util.regex.Pattern.compile("href=\"(/feeds/for-you/\\d+/[^\"/]+\\.atom)\"").matcher(page);
    assertThat(m.find()).as("a For you feed link").isTrue();
    return m.group(1);
  }

  private static List<String> entryIds(String atom) {
    List<String> out = new java.util.ArrayList<>();
    var m = java.util.regex.Pattern.compile("<id>tag:arxiv.org,2007:([^<]+)</id>").matcher(atom);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @StoreKinds
  void erasingTheAccountKeepsCommentsAsDeletedMemberAndEndsTheSession(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example")) {
      String paper = f.sample.liked().getFirst();
      ada.get("/papers/" + paper);
      assertThat(ada.post("/comments", Map.of("paper", paper, "body", "a thought worth keeping")).statusCode()).isEqualTo(303);
      ada.post("/save", Map.of("paper", paper));
      assertThat(ada.post("/account/delete", Map.of("confirm", "nope")).statusCode()).isEqualTo(400);
      assertThat(ada.post("/account/delete", Map.of("confirm", "DELETE")).statusCode()).isEqualTo(303);
      assertThat(ada.get("/api/for-you").statusCode()).as("signed out").isEqualTo(404);
      String page = new Member(f.base()).get("/papers/" + paper).body();
      assertThat(page).contains("a thought worth keeping").contains("deleted member").doesNotContain("ada@lab.example");
      assertThat(f.app.accounts().findByEmail("ada@lab.example")).isEmpty();
      assertThat(f.app.collections().savedAmong(1, List.of(new ArxivId(paper)))).isEmpty();
    }
  }

  private static long readingList(PersonalFixture f, Member m) {
    m.get("/collections");
    return f.app.collections().readingList(f.app.accounts().findByEmail("ada@lab.example").orElseThrow().id()).id();
  }

  private static List<String> ids(JsonNode feed) {
    List<String> out = new java.util.ArrayList<>();
    feed.forEach(p -> out.add(p.get("id").asText()));
    return out;
  }
}
