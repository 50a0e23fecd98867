package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;
import org.paperboy.community.Account;
import org.paperboy.community.SignIn;
import org.paperboy.support.Refusal;

/**
 * The session cookie: a signed value from {@link SignIn}, HttpOnly (scripts never see it), SameSite=Lax
 * (other sites' forms do not carry it) and Secure when the visitor came over https (directly or
 * through a proxy that says so in X-Forwarded-Proto).
 */
final class Sessions {
  static final String COOKIE = "pb_session";
  private static final String ATTRIBUTE = "pb.account";
  private static final int MAX_AGE = (int) SignIn.SESSION_LIFETIME.toSeconds();

  private final SignIn signIn;

  Sessions(SignIn signIn) {
    this.signIn = signIn;
  }

  /** True when the request carries a session cookie at all: such pages are personal, never shared from a cache. */
  static boolean present(Context ctx) {
    return ctx.cookie(COOKIE) != null;
  }

  static boolean secure(Context ctx) {
    return "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  Optional<Account> account(Context ctx) {
    if (!present(ctx)) return Optional.empty();
    Optional<Account> cached = ctx.attribute(ATTRIBUTE);
    if (cached == null) {
      cached = signIn.account(ctx.cookie(COOKIE));
      ctx.attribute(ATTRIBUTE, cached);
    }
    return cached;
  }

  Account require(Context ctx) {
    return account(ctx).orElseThrow(() -> Refusal.forbidden("sign in first (your session may have ended)"));
  }

  /**
   * The member whose own thing (collection, follow, feed) is asked for; to anyone else, signed in or
   * not, it does not exist: 404, never a hint that it does.
   */
  Account owner(Context ctx) {
    return account(ctx).orElseThrow(() -> Refusal.notFound("nothing at " + ctx.path() + " (sign in first)"));
  }

  void start(Context ctx, Account account) {
    ctx.cookie(new Cookie(COOKIE, signIn.sessionFor(account), "/", MAX_AGE, secure(ctx), true, null, SameSite.LAX));
    ctx.attribute(ATTRIBUTE, Optional.of(account));
  }

  /** Ends this browser's session in the store (a copy of the cookie stops working too) and drops the cookie. */
  void end(Context ctx) {
    if (present(ctx)) signIn.endSession(ctx.cookie(COOKIE));
    ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.LAX));
    ctx.attribute(ATTRIBUTE, Optional.empty());
  }
}
