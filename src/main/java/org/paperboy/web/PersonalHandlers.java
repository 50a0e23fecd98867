package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.paperboy.community.Account;
import org.paperboy.paper.ArxivId;
import org.paperboy.personal.Follow;
import org.paperboy.personal.ForYou;
import org.paperboy.search.SearchMode;
import org.paperboy.support.Refusal;
import org.paperboy.trending.TrendingRanking;
import org.paperboy.web.PersonalViews.FollowView;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Entry;

/**
 * For you, saving, "not interested" and follows. Everything here is a member's own: an anonymous
 * visitor and another member get 404 for it, never a hint that it exists. State changes only on
 * POST (CSRF-checked before the handler runs); a form gets a redirect back, a fetch JSON.
 */
final class PersonalHandlers {
  static final int PAGE = 20;
  /** The For you feed's length: a feed reader shows what is new since its last poll, so one page and more. */
  static final int FEED = 50;

  private final PersonalServices personal;
  private final TrendingRanking trending;
  private final Sessions sessions;
  private final Visitors visitors;
  private final Templates templates;
  private final AtomFeeds feeds;
  private final PaperJson json;

  PersonalHandlers(PersonalServices personal, TrendingRanking trending, Sessions sessions, Visitors visitors,
      Templates templates, AtomFeeds feeds, PaperJson json) {
    this.json = json;
    this.personal = personal;
    this.trending = trending;
    this.sessions = sessions;
    this.visitors = visitors;
    this.templates = templates;
    this.feeds = feeds;
  }


  void forYouPage(Context ctx) {
    if (sessions.account(ctx).isEmpty()) {
      ctx.redirect("/signin", HttpStatus.SEE_OTHER);
      return;
    }
    Account who = sessions.owner(ctx);
    int offset = offset(ctx);
    ForYou.Feed feed = personal.forYou().feed(who.id(), offset, PAGE);
    List<Entry> entries = feed.items().stream().map(i -> withWhy(Entry.of(i.paper()), i.why())).toList();
    List<Entry> cold = List.of();
    List<ArxivId> shown = new java.util.ArrayList<>(feed.items().stream().map(i -> i.paper().id()).toList());
    if (feed.coldStart()) {
      var ranked = trending.rank(TrendingRanking.Window.WEEK, PAGE).entries();
      cold = ranked.stream().map(r -> Entry.of(r.entry(), false, r.why())).toList();
      ranked.forEach(r -> shown.add(r.entry().paper().id()));
    }
    Visitor v = visitors.of(ctx, shown);
    String window = feed.from() == null ? "" : "papers announced " + feed.from() + " – " + feed.to();
    Views.Link next = offset + PAGE < feed.total() ? new Views.Link("Next", "/for-you?offset=" + (offset + PAGE)) : null;
    Views.Link previous = offset > 0 ? new Views.Link("Previous", "/for-you?offset=" + Math.max(0, offset - PAGE)) : null;
    String feedHref = forYouFeedPath(who.id());
    Chrome chrome = new Chrome("For you", "for-you", null, v).withFeed("For you", feedHref);
    templates.privatePage(ctx, "for-you.jte", new PersonalViews.ForYouPage(chrome, entries, feed.coldStart(), window,
        cold, next, previous, feedHref));
  }

  private String forYouFeedPath(long accountId) {
    return "/feeds/for-you/" + accountId + "/" + personal.forYouFeeds().token(accountId) + ".atom";
  }

  /** A new link for the member's For you feed: the old one answers 404 from now on. */
  void revokeForYouFeed(Context ctx) {
    personal.forYouFeeds().revoke(sessions.owner(ctx).id());
    ctx.redirect("/for-you", HttpStatus.SEE_OTHER);
  }

  /**
   * The member's For you ranking as an Atom feed, each entry with its why line. As for a follow's feed,
   * the token in the URL is the only key; an unknown member, a wrong or revoked token all get the same 404.
   */
  void forYouFeed(Context ctx) {
    long id = number(ctx.pathParam("account"), "feed");
    if (!personal.forYouFeeds().opens(id, AtomFeeds.withoutAtom(ctx.pathParam("token")))) throw Refusal.notFound("no such feed");
    ForYou.Feed feed = personal.forYou().feed(id, 0, FEED);
    java.util.Map<ArxivId, String> why = new java.util.HashMap<>();
    feed.items().forEach(i -> why.put(i.paper().id(), i.why()));
    ctx.header("Cache-Control", "private, no-cache");
    feeds.papers(ctx, forYouFeedPath(id), "/for-you", "Paperboy: For you", feed.items().stream().map(ForYou.Item::paper).toList(),
        p -> why.get(p.id()));
  }

  private static Entry withWhy(Entry e, String why) {
    return e.withWhy(why);
  }

  /**
   * The member's feed in the papers dialect: a bare array of paper objects, each plus {@code score} and
   * {@code why}; the feed's size in {@code X-Total-Count}, whether it is the cold start (no saved papers
   * yet, the week's trending instead) in {@code X-For-You-Cold-Start}, its window in {@code X-For-You-From}/{@code -To}.
   */
  void forYouApi(Context ctx) {
    Account who = sessions.owner(ctx);
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(PAGE);
    if (limit < 1 || limit > 100) throw Refusal.badInput("limit must be 1–100");
    ForYou.Feed feed = personal.forYou().feed(who.id(), offset(ctx), limit);
    List<ObjectNode> items = json.papers(feed.items().stream().map(ForYou.Item::paper).toList());
    for (int i = 0; i < items.size(); i++) {
      ForYou.Item item = feed.items().get(i);
      items.get(i).put("score", Math.round(item.score() * 1000) / 1000.0).put("why", item.why());
    }
    ctx.header("X-Total-Count", Integer.toString(feed.total()));
    ctx.header("X-For-You-Cold-Start", Boolean.toString(feed.coldStart()));
    if (feed.from() != null) ctx.header("X-For-You-From", feed.from().toString()).header("X-For-You-To", feed.to().toString());
    ctx.header("Cache-Control", "no-store");
    ApiHandlers.json(ctx, ApiHandlers.array(items));
  }

  private static int offset(Context ctx) {
    int offset = ctx.queryParamAsClass("offset", Integer.class).getOrDefault(0);
    if (offset < 0 || offset > 10_000) throw Refusal.badInput("offset must be 0–10000");
    return offset;
  }

  /** Save to (or with remove=true, take out of) a collection; the Reading list when none is named. */
  void save(Context ctx) {
    Account who = sessions.owner(ctx);
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    String c = ctx.formParam("collection");
    long collection = c == null || c.isBlank() ? personal.collections().readingList(who.id()).id() : number(c, "collection");
    boolean remove = "true".equals(ctx.formParam("remove"));
    if (remove) personal.collections().remove(who.id(), collection, id);
    else personal.collections().save(who.id(), collection, id);
    answer(ctx, id, "saved", !remove, "/papers/" + id.value());
  }

  void dismiss(Context ctx) {
    Account who = sessions.owner(ctx);
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    boolean undo = "true".equals(ctx.formParam("undo"));
    if (undo) personal.dismissals().undo(who.id(), id);
    else personal.dismissals().dismiss(who.id(), id);
    answer(ctx, id, "dismissed", !undo, "/for-you");
  }

  private static void answer(Context ctx, ArxivId id, String field, boolean value, String fallback) {
    if (CommunityHandlers.wantsJson(ctx)) {
      ObjectNode node = ApiHandlers.JSON.createObjectNode();
      node.put("paper", id.value()).put(field, value);
      ApiHandlers.json(ctx, node);
    } else {
      CommunityHandlers.back(ctx, fallback);
    }
  }

  void follow(Context ctx) {
    Account who = sessions.owner(ctx);
    Follow.Kind kind = Follow.Kind.parse(String.valueOf(ctx.formParam("kind")));
    personal.follows().follow(who.id(), kind, ctx.formParam("target"), ctx.formParam("mode"), ctx.formParam("category"));
    CommunityHandlers.back(ctx, "/follows");
  }

  void followsPage(Context ctx) {
    Account who = sessions.owner(ctx);
    List<FollowView> views = personal.follows().of(who.id()).stream().map(f -> new FollowView(f.id(),
        f.kind().dbValue(), f.label(), feedPath(f), f.inDigest())).toList();
    templates.privatePage(ctx, "follows.jte", new PersonalViews.FollowsPage(
        new Chrome("Follows", "follows", null, visitors.of(ctx, List.of())), views));
  }

  private String feedPath(Follow f) {
    return "/feeds/follow/" + f.id() + "/" + personal.follows().feedToken(f) + ".atom";
  }

  /** unfollow, revoke (a new feed link) or digest=true|false, on the member's own follow. */
  void changeFollow(Context ctx) {
    Account who = sessions.owner(ctx);
    long id = number(ctx.pathParam("id"), "follow");
    switch (ctx.pathParam("action")) {
      case "delete" -> personal.follows().unfollow(who.id(), id);
      case "revoke" -> personal.follows().revokeFeed(who.id(), id);
      case "digest" -> personal.follows().setInDigest(who.id(), id, "true".equals(ctx.formParam("digest")));
      default -> throw Refusal.notFound("nothing at " + ctx.path());
    }
    ctx.redirect("/follows", HttpStatus.SEE_OTHER);
  }

  /** A follow's Atom feed: the token in the URL is the only key (feed readers carry no cookie). */
  void followFeed(Context ctx) {
    long id = number(ctx.pathParam("id"), "follow");
    Follow f = personal.follows().byFeedToken(id, AtomFeeds.withoutAtom(ctx.pathParam("token")))
        .orElseThrow(() -> Refusal.notFound("no such feed"));
    ctx.header("Cache-Control", "private, no-cache");
    feeds.papers(ctx, feedPath(f), pageOf(f), "Paperboy: " + f.label(), personal.forYou().papersOf(f), p -> f.why());
  }

  /** The site's page of what a follow follows: the author's search, the category's latest, the saved search. */
  static String pageOf(Follow f) {
    return switch (f.kind()) {
      case AUTHOR -> Views.authorSearch(f.target());
      case CATEGORY -> Views.latestIn(f.target());
      case SEARCH -> new SearchHandlers.Form(f.target(), f.mode().isEmpty() ? SearchMode.HYBRID.label() : f.mode(),
          f.category().isEmpty() ? null : f.category(), null, null, 0).firstPage();
    };
  }

  static long number(String text, String what) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException | NullPointerException e) {
      throw Refusal.notFound("no " + what + " '" + text + "'");
    }
  }
}
