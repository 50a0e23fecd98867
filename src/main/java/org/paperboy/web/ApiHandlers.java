package org.paperboy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;
import org.paperboy.trending.Activity;
import org.paperboy.trending.DailyEntry;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.Listing;
import org.paperboy.trending.TrendingRanking;

/**
 * The JSON API. {@code /api/daily_papers} answers in the item shape of the public daily-papers API
 * ({@code paper{id,title,summary,publishedAt,upvotes,authors[{name}],submittedOnDailyAt}, publishedAt,
 * title, summary, numComments, submittedBy}) so its clients can point at a Paperboy instance.
 */
final class ApiHandlers {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LIMIT = 100;
  private static final int DEFAULT_LIMIT = 50;

  private final PaperStore papers;
  private final DailyList lists;
  private final TrendingRanking trending;
  private final Clock clock;

  ApiHandlers(PaperStore papers, DailyList lists, TrendingRanking trending, Clock clock) {
    this.papers = papers;
    this.lists = lists;
    this.trending = trending;
    this.clock = clock;
  }

  void dailyPapers(Context ctx) {
    Listing listing = Listing.parse(ctx.queryParam("date"), ctx.queryParam("week"), ctx.queryParam("month"),
        lists.latestDayOrToday(clock));
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int page = intParam(ctx, "p", 0, 0, 100_000);
    String submitter = PageHandlers.blankToNull(ctx.queryParam("submitter"));
    String sort = ctx.queryParamAsClass("sort", String.class).getOrDefault("publishedAt");
    List<DailyEntry> entries = switch (sort) {
      case "publishedAt" -> lists.entries(new DailyList.Query(listing.from(), listing.to(), submitter,
          DailyList.Order.LISTED_AT, page * limit, limit));
      case "trending" -> trending.rankListing(listing, submitter, page * limit, limit);
      default -> throw Refusal.badInput("sort must be publishedAt or trending, got '" + sort + "'");
    };
    ArrayNode out = JSON.createArrayNode();
    for (DailyEntry e : entries) out.add(item(e));
    json(ctx, out);
  }

  /**
   * A paper's comment counts as every route gives them: {@code numComments} (the source list's baseline
   * plus the comments written here, as the public API counts), and the two parts apart.
   */
  static ObjectNode comments(ObjectNode node, Activity activity) {
    return node.put("numComments", activity.comments()).put("numCommentsHere", activity.commentsHere())
        .put("numCommentsOnSource", activity.commentsOnSource());
  }

  void paper(Context ctx) {
    Paper p = PageHandlers.paperNamed(papers, ctx.pathParam("id"));
    List<DailyEntry> listings = lists.listingsOf(p);
    Activity activity = lists.activityOf(p.id());
    ObjectNode node = paperNode(p, activity.upvotes());
    comments(node, activity);
    ArrayNode days = node.putArray("listedOn");
    listings.forEach(l -> days.add(l.listingDate().toString()));
    json(ctx, node);
  }

  void trending(Context ctx) {
    String name = ctx.queryParamAsClass("window", String.class).getOrDefault("week");
    TrendingRanking.Window window = TrendingRanking.Window.parse(name)
        .orElseThrow(() -> Refusal.badInput("window must be day, week or month, got '" + name + "'"));
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    TrendingRanking.Ranking r = trending.rank(window, limit);
    ObjectNode root = JSON.createObjectNode();
    root.put("window", window.name().toLowerCase(java.util.Locale.ROOT));
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    root.put("historical", r.historical());
    root.put("formula", TrendingRanking.FORMULA);
    ArrayNode items = root.putArray("papers");
    for (TrendingRanking.Ranked x : r.entries()) {
      ObjectNode item = item(x.entry());
      item.put("score", Math.round(x.score() * 1000) / 1000.0);
      item.put("why", x.why());
      items.add(item);
    }
    json(ctx, root);
  }

  /** One daily-list entry in the public API's item shape. */
  static ObjectNode item(DailyEntry e) {
    Paper p = e.paper();
    ObjectNode item = JSON.createObjectNode();
    ObjectNode paper = paperNode(p, e.upvotes());
    paper.put("submittedOnDailyAt", instant(e.listedAt()));
    if (e.submittedBy() != null) paper.set("submittedOnDailyBy", user(e.submittedBy()));
    item.set("paper", paper);
    item.put("publishedAt", instant(e.listedAt()));
    item.put("title", p.title());
    item.put("summary", p.abstractText());
    item.put("numComments", e.comments());
    if (e.submittedBy() != null) item.set("submittedBy", user(e.submittedBy()));
    item.put("isAuthorParticipating", false);
    return item;
  }

  /** Instants the way the public API writes them: {@code 2024-05-27T03:50:58.348Z}. */
  private static final java.time.format.DateTimeFormatter INSTANT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  static String instant(java.time.Instant i) {
    return INSTANT.format(i);
  }

  static ObjectNode paperNode(Paper p, int upvotes) {
    ObjectNode paper = JSON.createObjectNode();
    paper.put("id", p.id().value());
    ArrayNode authors = paper.putArray("authors");
    for (Author a : p.authors()) authors.addObject().put("name", a.displayName()).put("hidden", false);
    if (p.firstSubmitted() != null) paper.put("publishedAt", instant(p.firstSubmitted()));
    else if (p.publishedOn() != null) paper.put("publishedAt", instant(p.publishedOn().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    paper.put("title", p.title());
    paper.put("summary", p.abstractText());
    paper.put("upvotes", upvotes);
    ArrayNode categories = paper.putArray("categories");
    p.categories().forEach(categories::add);
    return paper;
  }

  private static ObjectNode user(String name) {
    ObjectNode u = JSON.createObjectNode();
    u.put("name", name);
    u.put("fullname", name);
    u.put("type", "user");
    return u;
  }

  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) return fallback;
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw Refusal.badInput(name + " must be a whole number, got '" + text + "'");
    }
    if (value < min || value > max) throw Refusal.badInput(name + " must be between " + min + " and " + max + ", got " + value);
    return value;
  }

  static void json(Context ctx, Object body) {
    try {
      ctx.contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void error(Context ctx, int status, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error", message);
    node.put("status", status);
    ctx.status(status);
    json(ctx, node);
  }
}
