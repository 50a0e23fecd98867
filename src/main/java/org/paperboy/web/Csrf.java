package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.paperboy.support.Refusal;
import org.paperboy.support.Signer;

/**
 * Signed double-submit CSRF protection: a random value in an HttpOnly cookie, and its HMAC in every
 * form (field {@code csrf}) or fetch ({@code X-CSRF-Token}). Another site can make a browser send the
 * cookie but can neither read it nor forge its signature, so a POST without the matching token is
 * refused with 403.
 */
final class Csrf {
  static final String COOKIE = "pb_csrf";
  static final String FIELD = "csrf";
  static final String HEADER = "X-CSRF-Token";
  private static final String ATTRIBUTE = "pb.csrf";

  private final Signer signer;

  Csrf(byte[] key) {
    this.signer = new Signer(key);
  }

  /** The token for this visitor's forms, setting the cookie it is bound to on first use. */
  String token(Context ctx) {
    String cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) return cached;
    String value = ctx.cookie(COOKIE);
    if (value == null || value.length() != 43) value = renew(ctx);
    String token = signer.sign(value);
    ctx.attribute(ATTRIBUTE, token);
    return token;
  }

  /** A new value, e.g. on sign-in, so a token planted before it is worth nothing after. */
  String renew(Context ctx) {
    String value = Signer.randomToken();
    ctx.cookie(new Cookie(COOKIE, value, "/", -1, Sessions.secure(ctx), true, null, SameSite.LAX));
    ctx.attribute(ATTRIBUTE, null);
    return value;
  }

  /** Before every POST: the token must be there and match the cookie. */
  void check(Context ctx) {
    if (!ctx.method().name().equals("POST")) return;
    // RFC 8058 one-click unsubscribe comes from a mail client with no cookie; the signed link is its authority.
    if (ctx.path().startsWith("/unsubscribe/")) return;
    // A JSON body cannot come from another site's form: a cross-site fetch with it needs a CORS
    // preflight, which this server never grants.
    String type = ctx.contentType();
    if (ctx.path().startsWith("/api/") && type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return;
    }
    String given = ctx.header(HEADER);
    if (given == null) given = ctx.formParam(FIELD);
    String cookie = ctx.cookie(COOKIE);
    boolean valid = given != null && cookie != null && signer.verify(given)
        .map(v -> MessageDigest.isEqual(v.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
    if (!valid) {
      throw Refusal.forbidden("this form has expired or did not come from this site (missing or wrong CSRF token); reload the page and try again");
    }
  }
}
