package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.paperboy.community.Account;
import org.paperboy.community.Accounts;
import org.paperboy.community.AuditLog;
import org.paperboy.community.Comments;
import org.paperboy.community.Role;
import org.paperboy.community.Submissions;
import org.paperboy.community.Votes;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;
import org.paperboy.trending.Activity;
import org.paperboy.trending.DailyList;
import org.paperboy.web.CommunityViews.AdminPage;
import org.paperboy.web.CommunityViews.AuditRow;
import org.paperboy.web.CommunityViews.SubmitPage;
import org.paperboy.web.Views.Chrome;

/**
 * Submitting, voting, commenting, moderating and the admin page. Every handler here changes state
 * only on POST (CSRF-checked before it runs), answers a form with a redirect back (303) and a fetch
 * ({@code Accept: application/json}) with JSON.
 */
final class CommunityHandlers {
  private final CommunityServices community;
  private final PaperStore papers;
  private final DailyList lists;
  private final Sessions sessions;
  private final Visitors visitors;
  private final Templates templates;
  private final ClientAddress clients;
  private final java.util.function.Supplier<String> searchStatus;

  /** @param searchStatus one line on how much of the corpus search reaches by meaning, for admins */
  CommunityHandlers(CommunityServices community, PaperStore papers, DailyList lists, Sessions sessions, Visitors visitors,
      Templates templates, java.util.function.Supplier<String> searchStatus) {
    this.searchStatus = searchStatus;
    this.community = community;
    this.papers = papers;
    this.lists = lists;
    this.sessions = sessions;
    this.visitors = visitors;
    this.templates = templates;
    this.clients = new ClientAddress(community.behindProxy());
  }

  void submitForm(Context ctx) {
    if (sessions.account(ctx).isEmpty()) {
      ctx.redirect("/signin", HttpStatus.SEE_OTHER);
      return;
    }
    Visitor v = visitors.of(ctx, List.of());
    templates.privatePage(ctx, "submit.jte", new SubmitPage(new Chrome("Submit a paper", "submit", null, v),
        community.submissions().window().toDays(), v.curator()));
  }

  /** A paper missing from the store is fetched from arXiv first, so any real paper can be submitted. */
  void submit(Context ctx) {
    Account who = sessions.require(ctx);
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    LocalDate day = community.submissions().submit(who, id, clients.of(ctx), this::paperFor);
    ctx.redirect("/?date=" + day + "#entry-" + id.value(), HttpStatus.SEE_OTHER);
  }

  /** From the store, or fetched from arXiv when the store lacks it. */
  private Paper paperFor(ArxivId id) {
    Optional<Paper> stored = papers.find(id);
    if (stored.isPresent()) return stored.get();
    try {
      return community.fetchPaper().apply(id);
    } catch (Refusal e) {
      throw e.withMessage("could not fetch " + id + " from arXiv: " + e.getMessage());
    }
  }

  void vote(Context ctx) {
    Account who = sessions.require(ctx);
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    boolean up = !"withdraw".equals(ctx.formParam("vote"));
    if (up) community.votes().upvote(who, id, clients.of(ctx));
    else community.votes().withdraw(who, id, clients.of(ctx));
    if (wantsJson(ctx)) {
      ObjectNode node = ApiHandlers.JSON.createObjectNode();
      node.put("paper", id.value()).put("voted", up).put("upvotes", lists.activityOf(id).upvotes());
      ApiHandlers.json(ctx, node);
    } else {
      back(ctx, "/papers/" + id.value());
    }
  }


  void addComment(Context ctx) {
    Account who = sessions.require(ctx);
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    String parent = ctx.formParam("parent");
    Long parentId = parent == null || parent.isBlank() ? null : number(parent);
    long commentId = community.comments().add(who, id, parentId, ctx.formParam("body"), clients.of(ctx));
    ctx.redirect("/papers/" + id.value() + "#comment-" + commentId, HttpStatus.SEE_OTHER);
  }

  void editComment(Context ctx) {
    long id = number(ctx.pathParam("id"));
    community.comments().edit(sessions.require(ctx), id, ctx.formParam("body"));
    toComment(ctx, id);
  }

  void deleteComment(Context ctx) {
    long id = number(ctx.pathParam("id"));
    community.comments().delete(sessions.require(ctx), id);
    toComment(ctx, id);
  }

  void hideComment(Context ctx) {
    long id = number(ctx.pathParam("id"));
    community.comments().setHidden(sessions.require(ctx), id, !"false".equals(ctx.formParam("hidden")));
    toComment(ctx, id);
  }

  private void toComment(Context ctx, long commentId) {
    String paper = community.comments().paperOf(commentId).map(ArxivId::value).orElse("");
    ctx.redirect("/papers/" + paper + "#comment-" + commentId, HttpStatus.SEE_OTHER);
  }

  void pinEntry(Context ctx) {
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    LocalDate day = day(ctx.formParam("day"));
    community.submissions().setPinned(sessions.require(ctx), day, id, "true".equals(ctx.formParam("pinned")));
    ctx.redirect("/?date=" + day, HttpStatus.SEE_OTHER);
  }

  void removeEntry(Context ctx) {
    ArxivId id = ArxivId.parse(ctx.formParam("paper"));
    LocalDate day = day(ctx.formParam("day"));
    community.submissions().remove(sessions.require(ctx), day, id);
    ctx.redirect("/?date=" + day, HttpStatus.SEE_OTHER);
  }

  void admin(Context ctx) {
    Role.ADMIN.require(sessions.require(ctx), "see the administration page");
    Accounts accounts = community.accounts();
    List<AuditRow> rows = community.audit().recent(200).stream()
        .map((AuditLog.Entry e) -> new AuditRow(e.at(), accounts.find(e.actorId()).map(a -> a.displayName() + " <" + a.email() + ">")
            .orElse("#" + e.actorId()), e.action(), e.target(), e.detail()))
        .toList();
    templates.privatePage(ctx, "admin.jte", new AdminPage(new Chrome("Administration", "admin", null, visitors.of(ctx, List.of())),
        rows, community.mailProblems().get(), searchStatus.get(), community.schedules().get()));
  }

  void setRole(Context ctx) {
    community.accounts().setRole(sessions.require(ctx), ctx.formParam("email"),
        Role.parse(String.valueOf(ctx.formParam("role"))));
    ctx.redirect("/admin", HttpStatus.SEE_OTHER);
  }

  /** {@code GET /api/papers/{id}/comments}: the threads, text raw (JSON consumers escape it themselves). */
  void apiComments(Context ctx) {
    ArxivId id = PageHandlers.paperNamed(papers, ctx.pathParam("id")).id();
    List<Comments.Thread> threads = community.comments().threads(id);
    // a list endpoint answers a bare array; the counts, which agree with /api/papers/{id}'s, go in headers:
    // the comments written here (those the array holds), all of them, and those only the source list had
    Activity activity = lists.activityOf(id);
    ctx.header("X-Total-Count", Integer.toString(activity.commentsHere()));
    ctx.header("X-Num-Comments", Integer.toString(activity.comments()));
    ctx.header("X-Num-Comments-On-Source", Integer.toString(activity.commentsOnSource()));
    ArrayNode array = ApiHandlers.JSON.createArrayNode();
    for (Comments.Thread t : threads) {
      ObjectNode node = comment(array.addObject(), t.comment());
      ArrayNode replies = node.putArray("replies");
      for (Comments.Comment r : t.replies()) comment(replies.addObject(), r);
    }
    ApiHandlers.json(ctx, array);
  }

  private static ObjectNode comment(ObjectNode node, Comments.Comment c) {
    node.put("id", c.id());
    ObjectNode author = node.putObject("author");
    if (c.visible()) author.put("name", c.authorName()).put("user", c.authorName()).put("fullname", c.authorName());
    else author.putNull("name");
    node.put("createdAt", PaperJson.instant(java.time.Instant.parse(c.createdAt())));
    if (c.editedAt() == null) node.putNull("editedAt");
    else node.put("editedAt", PaperJson.instant(java.time.Instant.parse(c.editedAt())));
    node.put("text", c.visible() ? c.body() : null);
    node.put("deleted", c.deleted()).put("hidden", c.hidden());
    return node;
  }

  static boolean wantsJson(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("application/json");
  }

  /** Back where the form was, but only to a path on this site: the Referer's host is never followed. */
  static void back(Context ctx, String fallback) {
    String target = fallback;
    String referer = ctx.header("Referer");
    if (referer != null) {
      try {
        URI uri = URI.create(referer);
        if (uri.getRawPath() != null && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//")) {
          target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
      } catch (IllegalArgumentException ignored) {
        // an unreadable Referer: go to the fallback
      }
    }
    ctx.redirect(target, HttpStatus.SEE_OTHER);
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException | NullPointerException e) {
      throw Refusal.badInput("'" + text + "' is not a comment number");
    }
  }

  private static LocalDate day(String text) {
    try {
      return LocalDate.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw Refusal.badInput("'" + text + "' is not a day (YYYY-MM-DD)");
    }
  }
}
