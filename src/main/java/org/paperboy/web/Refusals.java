package org.paperboy.web;

import io.javalin.http.Context;
import java.util.List;
import org.paperboy.support.Refusal;
import org.paperboy.web.Views.Chrome;

/**
 * How the web says no, in one place: a {@link Refusal}'s kind becomes a status, its retry-after a
 * {@code Retry-After} header, and its message JSON ({@code {"error", "status"}}) under {@code /api/}
 * and for fetches that ask for JSON, else the error page. Refusals are never cached.
 */
final class Refusals {
  private final Templates templates;
  private final Visitors visitors;

  Refusals(Templates templates, Visitors visitors) {
    this.templates = templates;
    this.visitors = visitors;
  }

  static int status(Refusal.Kind kind) {
    return switch (kind) {
      case BAD_INPUT -> 400;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_MANY -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  void refuse(Refusal e, Context ctx) {
    if (e.retryAfter() != null) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    answer(ctx, status(e.kind()), e.getMessage());
  }

  /** The answer for any failure, refused or not: {@code status} with {@code message}. */
  void answer(Context ctx, int status, String message) {
    answer(ctx, status, message, true);
  }

  /** As {@link #answer}, when the store itself is what failed: the page then names no one (that takes the store). */
  void answerWithoutStore(Context ctx, int status, String message) {
    answer(ctx, status, message, false);
  }

  private void answer(Context ctx, int status, String message, boolean nameTheVisitor) {
    ctx.attribute("pb.failed", Boolean.TRUE);
    ctx.header("Cache-Control", "no-store");
    if (ctx.path().startsWith("/api/") || CommunityHandlers.wantsJson(ctx)) {
      ApiHandlers.error(ctx, status, message);
      return;
    }
    Visitor visitor = nameTheVisitor ? visitors.of(ctx, List.of()) : null;
    ctx.status(status).contentType("text/html; charset=utf-8").result(templates.render("error.jte",
        new Views.ErrorPage(new Chrome(title(status), "", null, visitor), status, message)));
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Cannot do that";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Already done";
      case 429 -> "Too many requests";
      case 503 -> "Not available right now";
      default -> "Something went wrong";
    };
  }
}
