package org.paperboy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyEntry;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.Listing;
import org.paperboy.trending.TrendingRanking;

/**
 * The JSON API, in the dialect of the official papers client ({@code huggingface_hub}'s
 * {@code list_daily_papers}, {@code paper_info}, {@code list_papers}): list endpoints answer bare
 * arrays (totals and windows in {@code X-} headers), a paper is always the object {@link PaperJson}
 * writes, errors are {@code {"error": …}}. So its clients can point at a Paperboy instance.
 */
final class ApiHandlers {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LIMIT = 100;
  private static final int DEFAULT_LIMIT = 50;

  private final PaperStore papers;
  private final DailyList lists;
  private final TrendingRanking trending;
  private final Clock clock;
  private final PaperJson json;

  ApiHandlers(PaperStore papers, DailyList lists, TrendingRanking trending, Clock clock, PaperJson json) {
    this.papers = papers;
    this.lists = lists;
    this.trending = trending;
    this.clock = clock;
    this.json = json;
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
      case "starGrowth" -> trending.rankListingByStarGrowth(listing, submitter, page * limit, limit);
      default -> throw Refusal.badInput("sort must be publishedAt, trending or starGrowth, got '" + sort + "'");
    };
    ctx.header("X-Total-Count", Long.toString(lists.count(new DailyList.Query(listing.from(), listing.to(), submitter,
        DailyList.Order.LISTED_AT, 0, 1))));
    json(ctx, array(json.items(entries)));
  }

  void paper(Context ctx) {
    json(ctx, json.paper(PageHandlers.paperNamed(papers, ctx.pathParam("id"))));
  }

  /** The ranking as daily items with {@code score} and {@code why}; the window in headers. */
  void trending(Context ctx) {
    String name = ctx.queryParamAsClass("window", String.class).getOrDefault("week");
    TrendingRanking.Window window = TrendingRanking.Window.parse(name)
        .orElseThrow(() -> Refusal.badInput("window must be day, week or month, got '" + name + "'"));
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    TrendingRanking.Ranking r = trending.rank(window, limit);
    ctx.header("X-Trending-Window", window.name().toLowerCase(java.util.Locale.ROOT));
    ctx.header("X-Trending-From", r.from().toString());
    ctx.header("X-Trending-To", r.to().toString());
    ctx.header("X-Trending-Historical", Boolean.toString(r.historical()));
    ctx.header("X-Total-Count", Integer.toString(r.entries().size()));
    List<ObjectNode> items = json.items(r.entries().stream().map(TrendingRanking.Ranked::entry).toList());
    for (int i = 0; i < items.size(); i++) {
      TrendingRanking.Ranked x = r.entries().get(i);
      items.get(i).put("score", Math.round(x.score() * 1000) / 1000.0).put("why", x.why());
    }
    json(ctx, array(items));
  }

  static ArrayNode array(List<ObjectNode> nodes) {
    ArrayNode out = JSON.createArrayNode();
    out.addAll(nodes);
    return out;
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
