package org.paperboy.web;

import io.javalin.http.Context;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.paperboy.support.UserText;
import org.paperboy.paper.Author;
import org.paperboy.paper.ArxivCategories;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyEntry;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.TrendingRanking;

/**
 * Atom 1.0 feeds (RFC 4287), written with StAX so every text is escaped by the XML writer. Each entry's
 * id is a tag URI of the paper, so a reader sees a paper once however often it is listed.
 */
final class AtomFeeds {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final int ENTRIES = 50;

  private final PaperStore papers;
  private final DailyList lists;
  private final TrendingRanking trending;
  private final Clock clock;
  private final SearchHandlers search;

  AtomFeeds(PaperStore papers, DailyList lists, TrendingRanking trending, SearchHandlers search, Clock clock) {
    this.search = search;
    this.papers = papers;
    this.lists = lists;
    this.trending = trending;
    this.clock = clock;
  }

  private record Item(Paper paper, Instant updated, String note) {}

  /** The latest day's list, most upvoted first. */
  void daily(Context ctx) {
    LocalDate day = lists.latestDayOrToday(clock);
    List<Item> items = lists.entries(new DailyList.Query(day, day, null, DailyList.Order.UPVOTES, 0, ENTRIES)).stream()
        .map(e -> new Item(e.paper(), e.listedAt(), counts(e))).toList();
    write(ctx, "/feeds/daily.atom", "/", "Paperboy: daily papers of " + day, items);
  }

  void trending(Context ctx) {
    TrendingRanking.Ranking r = trending.rank(TrendingRanking.Window.WEEK, ENTRIES);
    List<Item> items = r.entries().stream().map(x -> new Item(x.entry().paper(), x.entry().listedAt(), x.why())).toList();
    write(ctx, "/feeds/trending.atom", "/trending", "Paperboy: trending this week (" + r.from() + " – " + r.to() + ")", items);
  }

  /** A feed URL's last segment without its ".atom" (which the URL may leave out). */
  static String withoutAtom(String segment) {
    return segment.endsWith(".atom") ? segment.substring(0, segment.length() - ".atom".length()) : segment;
  }

  void category(Context ctx) {
    String cat = withoutAtom(ctx.pathParam("cat"));
    LocalDate day = papers.latestAnnouncementDay(cat).orElse(null);
    // a category of arXiv's with nothing announced yet is an empty feed; a name that is none of them is not found
    if (day == null && !ArxivCategories.isKnown(cat)) throw Refusal.notFound("no such category: " + cat);
    List<Item> items = day == null ? List.of() : papers.announcedOn(day, cat, ENTRIES).stream()
        .map(p -> new Item(p, startOf(day), null)).toList();
    write(ctx, "/feeds/category/" + cat + ".atom", Views.latestIn(cat), "Paperboy: latest in " + cat, items);
  }

  /** A saved search as a feed: the newest matching papers first. */
  void search(Context ctx) {
    SearchHandlers.Form form = SearchHandlers.Form.of(ctx);
    if (form.q() == null) throw Refusal.badInput("q is required: type a few words");
    List<Item> items = search.newest(form, ENTRIES).stream()
        .map(p -> new Item(p, datedOn(p), null))
        .toList();
    write(ctx, "/feeds/search.atom?q=" + java.net.URLEncoder.encode(form.q(), java.nio.charset.StandardCharsets.UTF_8),
        form.firstPage(), "Paperboy: " + form.q(), items);
  }

  /**
   * A feed of these papers (a follow's, a public collection's, For you), each dated by its publication day.
   *
   * @param page the site's page of the same papers: the feed's {@code alternate} link, where a reader goes
   *     from the feed's title
   */
  void papers(Context ctx, String self, String page, String title, List<Paper> list,
      java.util.function.Function<Paper, String> note) {
    write(ctx, self, page, title, list.stream().map(p -> new Item(p, datedOn(p), note.apply(p))).toList());
  }

  /** The start of the paper's day; a paper with no date at all (never seen) is dated today, not 1970. */
  private Instant datedOn(Paper p) {
    return startOf(p.publishedOn() == null ? today() : p.publishedOn());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Feeds date entries by day: the day's first instant, in UTC. */
  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static String counts(DailyEntry e) {
    return e.upvotes() + " upvotes, " + e.commentsLabel();
  }

  private void write(Context ctx, String self, String page, String title, List<Item> items) {
    String base = ctx.scheme() + "://" + ctx.host();
    // Atom requires a feed date even with no entry; an empty feed is "as of today" (stable all day, so
    // its ETag is too), never 1970
    Instant updated = items.stream().map(Item::updated).max(Instant::compareTo)
        .orElseGet(() -> startOf(today()));
    StringWriter out = new StringWriter(64 * 1024);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.setDefaultNamespace(ATOM);
      x.writeStartElement(ATOM, "feed");
      x.writeDefaultNamespace(ATOM);
      element(x, "id", base + self);
      element(x, "title", title);
      element(x, "updated", updated.toString());
      link(x, "self", base + self, "application/atom+xml");
      link(x, "alternate", base + page, "text/html");
      x.writeStartElement(ATOM, "author");
      element(x, "name", "Paperboy");
      x.writeEndElement();
      element(x, "generator", "Paperboy");
      for (Item item : items) entry(x, base, item);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing " + self + " failed", e);
    }
    ctx.contentType("application/atom+xml; charset=utf-8").result(out.toString());
  }

  private static void entry(XMLStreamWriter x, String base, Item item) throws XMLStreamException {
    Paper p = item.paper();
    x.writeStartElement(ATOM, "entry");
    element(x, "id", "tag:arxiv.org,2007:" + p.id().value());
    element(x, "title", p.title());
    element(x, "updated", item.updated().toString());
    if (p.firstSubmitted() != null) element(x, "published", p.firstSubmitted().toString());
    link(x, "alternate", base + "/papers/" + p.id().value(), "text/html");
    link(x, "related", p.id().absUrl(), "text/html");
    for (Author a : p.authors()) {
      x.writeStartElement(ATOM, "author");
      element(x, "name", a.displayName());
      x.writeEndElement();
    }
    for (String c : p.categories()) {
      x.writeEmptyElement(ATOM, "category");
      x.writeAttribute("term", c);
    }
    x.writeStartElement(ATOM, "summary");
    x.writeAttribute("type", "text");
    x.writeCharacters(UserText.forXml(item.note() == null ? p.abstractText() : item.note() + ". " + p.abstractText()));
    x.writeEndElement();
    x.writeEndElement();
  }

  private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
    x.writeStartElement(ATOM, name);
    x.writeCharacters(UserText.forXml(text)); // XML cannot hold control characters, whoever typed them
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
    x.writeEmptyElement(ATOM, "link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("href", href);
    x.writeAttribute("type", type);
  }
}
