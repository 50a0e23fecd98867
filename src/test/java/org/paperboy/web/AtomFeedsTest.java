package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Each feed parsed by the JDK's XML parser and checked against RFC 4287's required elements. */
class AtomFeedsTest {
  static final String ATOM = "http://www.w3.org/2005/Atom";
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

  @ParameterizedTest
  @ValueSource(strings = {"/feeds/daily.atom", "/feeds/trending.atom", "/feeds/category/cs.CV.atom",
      "/feeds/category/hep-th.atom", "/feeds/search.atom?q=diffusion"})
  void feedsAreValidAtomWithEveryRequiredElement(String path) throws Exception {
    HttpResponse<String> r = web.get(path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/atom+xml");
    Element feed = parse(r.body()).getDocumentElement();
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertRequired(feed, "feed");
    assertThat(links(feed, "self")).containsExactly(web.url(path));
    List<Element> entries = children(feed, "entry");
    if (!path.contains("category")) assertThat(entries).as("entries of " + path).isNotEmpty();
    boolean feedHasAuthor = !children(feed, "author").isEmpty();
    for (Element entry : entries) {
      assertRequired(entry, "entry");
      assertThat(feedHasAuthor || !children(entry, "author").isEmpty()).isTrue();
      children(entry, "author").forEach(a -> assertThat(text(a, "name")).isNotBlank());
      assertThat(links(entry, "alternate")).singleElement().satisfies(href -> assertThat(href).startsWith(web.url("/papers/")));
    }
  }

  @org.junit.jupiter.api.Test
  void theDailyFeedCarriesTheLatestDayMostUpvotedFirst() throws Exception {
    Element feed = parse(web.get("/feeds/daily.atom").body()).getDocumentElement();
    assertThat(text(feed, "title")).contains("2026-08-21");
    List<Element> entries = children(feed, "entry");
    assertThat(text(entries.getFirst(), "summary")).matches("\\d+ upvotes, \\d+ comments\\. .+");
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
