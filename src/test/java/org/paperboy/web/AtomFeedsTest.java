package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.db.StoreKinds;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Each feed parsed by the JDK's XML parser and checked against RFC 4287's required elements. */
@StoreKinds
class AtomFeedsTest {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static WebFixture web;

  /** The store this run of the class is on ({@code @StoreKinds}); {@link #start} is given it too. */
  @Parameter String kind;

  @BeforeParameterizedClassInvocation
  static void start(String kind) {
    web = WebFixture.shared(kind);
  }


  @ParameterizedTest
  @ValueSource(strings = {"/feeds/daily.atom", "/feeds/trending.atom", "/feeds/category/cs.CV.atom",
      "/feeds/category/cs.RO.atom", "/feeds/category/eess.IV.atom", "/feeds/search.atom?q=diffusion"})
  void feedsAreValidAtomWithEveryRequiredElement(String path) throws Exception {
    Element feed = feed(path);
    List<Element> entries = children(feed, "entry");
    assertThat(entries).as("entries of " + path).isNotEmpty();
    boolean feedHasAuthor = !children(feed, "author").isEmpty();
    for (Element entry : entries) {
      assertRequired(entry, "entry");
      assertThat(feedHasAuthor || !children(entry, "author").isEmpty()).isTrue();
      children(entry, "author").forEach(a -> assertThat(text(a, "name")).isNotBlank());
      assertThat(links(entry, "alternate")).singleElement().satisfies(href -> assertThat(href).startsWith(web.url("/papers/")));
    }
  }

  /** From a feed's title a reader goes to the page of the same papers, not to the home page. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"/feeds/daily.atom, /", "/feeds/trending.atom, /trending",
      "/feeds/category/cs.CV.atom, /latest?category=cs.CV", "/feeds/search.atom?q=diffusion, /search?q=diffusion&mode=hybrid"})
  void eachFeedLinksToThePageOfItsPapers(String path, String page) throws Exception {
    assertThat(links(feed(path), "alternate")).containsExactly(web.url(page));
    assertThat(web.get(page).statusCode()).as(page).isEqualTo(200);
  }

  @org.junit.jupiter.api.Test
  void aCategoryWithNothingAnnouncedIsAValidEmptyFeed() throws Exception {
    Element feed = feed("/feeds/category/q-bio.NC.atom");
    assertThat(children(feed, "entry")).isEmpty();
    // Atom needs a date even then: the fixture's today, not the epoch
    assertThat(text(feed, "updated")).isEqualTo(LocalDate.now(WebFixture.CLOCK) + "T00:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nonsense", "cs.XX", "physics.nonsense", "cs.CL'--"})
  void aCategoryArxivDoesNotHaveIsNotFound(String category) throws Exception {
    HttpResponse<String> r = web.get("/feeds/category/" + java.net.URLEncoder.encode(category, StandardCharsets.UTF_8) + ".atom");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("1970");
  }

  /**
   * The fixture's announced papers: many cs.RO and eess.IV of 2025-03-18; cs.CV ones of 2025-03-18 and
   * two of 2025-03-19. Each feed lists its own primary category's newest day, and nothing else.
   */
  @ParameterizedTest
  @ValueSource(strings = {"cs.CV", "cs.RO", "eess.IV"})
  void aCategoryFeedListsExactlyThePapersOfItsLatestDayInThatPrimaryCategory(String category) throws Exception {
    List<String> expected = web.latestAnnounced(category);
    assertThat(expected).as("the fixture has %s papers", category).isNotEmpty();
    Element feed = feed("/feeds/category/" + category + ".atom");
    assertThat(text(feed, "title")).isEqualTo("Paperboy: latest in " + category);
    assertThat(entryIds(feed)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void theDailyFeedCarriesTheLatestDayMostUpvotedFirst() throws Exception {
    Element feed = feed("/feeds/daily.atom");
    assertThat(text(feed, "title")).contains("2026-08-21");
    List<Element> entries = children(feed, "entry");
    List<Integer> upvotes = new ArrayList<>();
    for (Element entry : entries) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) upvotes, \\d+ comments?( on the source list · \\d+ here)?\\. .+").matcher(text(entry, "summary"));
      assertThat(m.matches()).as(text(entry, "summary")).isTrue();
      upvotes.add(Integer.parseInt(m.group(1)));
    }
    assertThat(upvotes).as("most upvoted first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(upvotes.getFirst()).as("the top entry is the day's most upvoted, not merely the first listed")
        .isGreaterThan(upvotes.getLast());
    // the same papers, with the same counts, as the day's list in the API
    var day = new com.fasterxml.jackson.databind.ObjectMapper().readTree(web.get("/api/daily_papers?date=2026-08-21&limit=100").body());
    java.util.Map<String, Integer> listed = new java.util.HashMap<>();
    day.forEach(i -> listed.put(i.path("paper").path("id").asText(), i.path("paper").path("upvotes").asInt()));
    assertThat(entries).hasSize(Math.min(50, listed.size()));
    List<String> ids = entryIds(feed);
    for (int i = 0; i < ids.size(); i++) assertThat(listed).containsEntry(ids.get(i), upvotes.get(i));
    assertThat(upvotes.getFirst()).isEqualTo(java.util.Collections.max(listed.values()));
  }

  private static Element feed(String path) throws Exception {
    HttpResponse<String> r = web.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/atom+xml");
    Element feed = parse(r.body()).getDocumentElement();
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertRequired(feed, "feed");
    assertThat(links(feed, "self")).containsExactly(web.url(path));
    return feed;
  }

  /** The arXiv ids the entries link to, in feed order. */
  private static List<String> entryIds(Element feed) {
    return children(feed, "entry").stream()
        .map(e -> links(e, "alternate").getFirst().substring(web.url("/papers/").length())).toList();
  }

  static void assertRequired(Element e, String what) {
    for (String required : List.of("id", "title", "updated")) {
      assertThat(children(e, required)).as("%s needs exactly one <%s>", what, required).hasSize(1);
    }
    assertThat(text(e, "id")).as("%s id", what).matches("(https?|tag):.+");
    assertThat(OffsetDateTime.parse(text(e, "updated"))).as("%s updated is an RFC 3339 date", what).isNotNull();
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && ATOM.equals(el.getNamespaceURI()) && name.equals(el.getLocalName())) out.add(el);
    }
    return out;
  }

  static String text(Element parent, String name) {
    return children(parent, name).getFirst().getTextContent();
  }

  static List<String> links(Element parent, String rel) {
    return children(parent, "link").stream().filter(l -> rel.equals(l.getAttribute("rel"))).map(l -> l.getAttribute("href")).toList();
  }
}
