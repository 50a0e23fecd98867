package org.paperboy.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperboy.code.LinkedCode;
import org.paperboy.code.PaperCode;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;
import org.paperboy.trending.Activity;
import org.paperboy.trending.DailyEntry;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.Listing;
import org.paperboy.trending.TrendingRanking;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Entry;
import org.paperboy.web.Views.Link;

/** The HTML pages: each handler reads its parameters, asks one feature, and renders one template. */
final class PageHandlers {
  private static final int LIST_LIMIT = 500;
  private static final int LATEST_LIMIT = 200;

  private final PaperStore papers;
  private final DailyList lists;
  private final TrendingRanking trending;
  private final Templates templates;
  private final Clock clock;
  private final Visitors visitors;
  private final CommunityServices community;
  private final SearchHandlers search;
  private final LinkedCode code;
  private final java.util.function.Supplier<String> base;

  /** @param base the public address, for the absolute URLs of link previews */
  PageHandlers(PaperStore papers, DailyList lists, TrendingRanking trending, Templates templates, Clock clock,
      Visitors visitors, CommunityServices community, SearchHandlers search, LinkedCode code,
      java.util.function.Supplier<String> base) {
    this.search = search;
    this.code = code;
    this.base = base;
    this.papers = papers;
    this.lists = lists;
    this.trending = trending;
    this.templates = templates;
    this.clock = clock;
    this.visitors = visitors;
    this.community = community;
  }

  /** Home: the latest day with papers, or the day, week or month asked for. */
  void daily(Context ctx) {
    LocalDate latest = lists.latestDayOrToday(clock);
    Listing listing = Listing.parse(ctx.queryParam("date"), ctx.queryParam("week"), ctx.queryParam("month"), latest);
    Instant lastVisit = VisitCookie.previousVisit(ctx, clock);
    String sort = ctx.queryParamAsClass("sort", String.class).getOrDefault("upvotes");
    List<DailyEntry> found = switch (sort) {
      case "upvotes" -> lists.entries(new DailyList.Query(listing.from(), listing.to(), null, DailyList.Order.UPVOTES, 0, LIST_LIMIT));
      case "stars" -> trending.rankListingByStarGrowth(listing, null, 0, LIST_LIMIT);
      default -> throw Refusal.badInput("sort must be upvotes or stars, got '" + sort + "'");
    };
    Map<String, PaperCode> codes = codeOf(found);
    List<Entry> entries = new ArrayList<>(found.size());
    for (DailyEntry e : found) {
      entries.add(Entry.of(e, lastVisit != null && e.listedAt().isAfter(lastVisit), null, codeOf(codes, e.paper())));
    }
    // Prev/next jump over days without a list (weekends), so the arrows never lead to an empty page.
    Link previous, next;
    if (listing.kind() == Listing.Kind.DAY) {
      previous = lists.dayBefore(listing.from()).map(d -> new Link(d.toString(), "/?date=" + d)).orElse(null);
      next = lists.dayAfter(listing.from()).map(d -> new Link(d.toString(), "/?date=" + d)).orElse(null);
    } else {
      previous = new Link("previous", "/?" + listing.previous().param());
      next = listing.next().from().isAfter(latest) ? null : new Link("next", "/?" + listing.next().param());
    }
    LocalDate day = listing.from();
    html(ctx, "daily.jte", new Views.DailyPage(chrome(listing.heading(), "daily", null, visitor(ctx, found)), listing.heading(),
        listing.kind().name().toLowerCase(java.util.Locale.ROOT), day, previous, next,
        new Link("Day", "/?date=" + (listing.kind() == Listing.Kind.DAY ? day : listing.to().isAfter(latest) ? latest : listing.to())),
        new Link("Week", "/?" + Listing.week(day).param()), new Link("Month", "/?" + Listing.month(java.time.YearMonth.from(day)).param()),
        entries, entries.isEmpty(), sort, List.of(new Link("Upvotes", "/?" + listing.param()),
            new Link("GitHub stars this week", "/?" + listing.param() + "&sort=stars"))));
  }

  private Map<String, PaperCode> codeOf(List<DailyEntry> entries) {
    return code.of(entries.stream().map(e -> e.paper().id()).toList());
  }

  private static PaperCode codeOf(Map<String, PaperCode> codes, Paper p) {
    return codes.getOrDefault(p.id().value(), PaperCode.NONE);
  }

  /** A cached daily page is the anonymous one; this still hands the visitor their visit cookie. */
  void startVisit(Context ctx) {
    VisitCookie.previousVisit(ctx, clock);
  }

  void trending(Context ctx) {
    String name = ctx.queryParamAsClass("window", String.class).getOrDefault("week");
    TrendingRanking.Window window = TrendingRanking.Window.parse(name)
        .orElseThrow(() -> Refusal.badInput("window must be day, week or month, got '" + name + "'"));
    TrendingRanking.Ranking r = trending.rank(window, 50);
    Map<String, PaperCode> codes = codeOf(r.entries().stream().map(TrendingRanking.Ranked::entry).toList());
    List<Entry> entries = r.entries().stream().map(x -> Entry.of(x.entry(), false, x.why(), codeOf(codes, x.entry().paper()))).toList();
    String heading = "Trending this " + window.name().toLowerCase(java.util.Locale.ROOT)
        + (r.historical() ? " — historical data: the window ends at the latest activity, " + r.to()
            : " (" + r.from() + " – " + r.to() + ")");
    List<Link> windows = List.of(new Link("Day", "/trending?window=day"), new Link("Week", "/trending?window=week"),
        new Link("Month", "/trending?window=month"));
    html(ctx, "trending.jte", new Views.TrendingPage(chrome("Trending", "trending", null,
        visitor(ctx, r.entries().stream().map(TrendingRanking.Ranked::entry).toList())),
        window.name().toLowerCase(java.util.Locale.ROOT), heading, TrendingRanking.FORMULA, entries, windows));
  }

  void paper(Context ctx) {
    Paper p = paperNamed(papers, ctx.pathParam("id"));
    List<DailyEntry> listings = lists.listingsOf(p);
    Activity activity = lists.activityOf(p.id());
    Visitor visitor = visitors.of(ctx, List.of(p.id()));
    org.paperboy.search.SimilarPapers similar = search.similar(p, 5);
    Map<String, PaperCode> codes = code.of(java.util.stream.Stream.concat(java.util.stream.Stream.of(p),
        similar.papers().stream().map(org.paperboy.search.SimilarPaper::paper)).map(Paper::id).toList());
    PaperCode own = codeOf(codes, p);
    Views.Share share = new Views.Share(base.get() + "/papers/" + p.id().value(), p.title(), Views.start(p.abstractText(), 200),
        "article");
    html(ctx, "paper.jte", new Views.PaperPage(chrome(p.title(), "paper", null, visitor).sharedAs(share), p,
        p.authors().stream().map(Views::authorLink).toList(),
        p.publishedOn() == null ? "" : p.publishedOn().toString(),
        p.versions().stream().map(Views.VersionView::of).toList(), activity.upvotes(), activity.comments(),
        activity.commentsLabel(),
        listings.stream().map(l -> new Link(l.listingDate().toString(), "/?date=" + l.listingDate())).toList(),
        org.paperboy.paper.BibTex.of(p), similar.papers().stream().map(sp -> Entry.of(sp.paper(), codeOf(codes, sp.paper()))).toList(),
        similar.basis().describe(), new CommunityViews.Discussion(p.id().value(), community.comments().threads(p.id()),
            visitor, org.paperboy.community.Comments.MAX_LENGTH), Views.codeButton(own), Views.codeLinks(own)));
  }

  /** Latest on arXiv: the papers of the latest announcement day, per primary category. */
  void latest(Context ctx) {
    String category = blankToNull(ctx.queryParam("category"));
    LocalDate day = papers.latestAnnouncementDay(category).orElse(null);
    List<Paper> announced = day == null ? List.of() : papers.announcedOn(day, category, LATEST_LIMIT);
    Map<String, PaperCode> codes = code.of(announced.stream().map(Paper::id).toList());
    List<Entry> entries = announced.stream().map(p -> Entry.of(p, codeOf(codes, p))).toList();
    List<Link> categories = categoryLinks();
    Chrome chrome = chrome("Latest on arXiv", "latest", null, visitor(ctx, List.of()));
    if (category != null) chrome = chrome.withFeed("Papers in " + category, "/feeds/category/" + category + ".atom");
    html(ctx, "latest.jte", new Views.LatestPage(chrome, category, day, categories, entries));
  }

  private List<Link> categoryLinks;
  private long categoriesAt;

  /** The biggest primary categories; counting them scans the store, so the list is kept for ten minutes. */
  private synchronized List<Link> categoryLinks() {
    long now = System.nanoTime();
    if (categoryLinks == null || now - categoriesAt > 600_000_000_000L) {
      categoryLinks = papers.stats().primaryCategories().stream()
          .filter(c -> c.category() != null && !c.category().equals(org.paperboy.trending.DailyFeedImporter.UNKNOWN_CATEGORY))
          .limit(24).map(c -> new Link(c.category(), Views.latestIn(c.category()))).toList();
      categoriesAt = now;
    }
    return categoryLinks;
  }

  /** The search page: the search feature's results inside this visitor's page chrome. */
  void search(Context ctx) {
    String q = blankToNull(ctx.queryParam("q"));
    Chrome chrome = chrome(q == null ? "Search" : q + " — search", "search", q, visitor(ctx, List.of()));
    if (q != null) {
      chrome = chrome.withFeed("Search: " + q, "/feeds/search.atom?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
    }
    search.page(ctx, chrome);
  }

  /** The paper a URL names; text that is no id names nothing here, so both are "not found". */
  static Paper paperNamed(PaperStore papers, String text) {
    ArxivId id;
    try {
      id = ArxivId.parse(text);
    } catch (Refusal e) {
      throw Refusal.notFound(e.getMessage());
    }
    return papers.find(id).orElseThrow(() -> Refusal.notFound("no paper " + id + " in this store"));
  }

  /** The paper a URL names, a Markdown page's ({@code /papers/{id}.md}) too; empty when it names none. */
  static java.util.Optional<ArxivId> idNamed(String text) {
    try {
      return java.util.Optional.of(ArxivId.parse(MarkdownPages.idText(text)));
    } catch (Refusal e) {
      return java.util.Optional.empty();
    }
  }

  private static Chrome chrome(String title, String section, String query, Visitor visitor) {
    return new Chrome(title, section, query, visitor);
  }

  /** The signed-in member, with their votes among these entries; null for anyone else. */
  private Visitor visitor(Context ctx, List<DailyEntry> entries) {
    return visitors.of(ctx, entries.stream().map(e -> e.paper().id()).toList());
  }

  private void html(Context ctx, String template, Object model) {
    ctx.contentType("text/html; charset=utf-8").result(templates.render(template, model));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
