package org.paperboy.web;

import io.javalin.http.Context;

/**
 * Headers every answer carries, set before any handler runs so errors and 404s have them too: a
 * Content-Security-Policy that lets the pages run only this site's own script files (no inline script,
 * no eval, no plugins) and nobody frame them, no content sniffing, no Referer to other sites (a sign-in
 * link's path holds its token), and HSTS when the visitor came over https.
 */
final class SecurityHeaders {
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  /** The digest preview is the mail itself, whose styles are inline (mail clients drop style sheets); still no script. */
  static final String MAIL_PREVIEW = "default-src 'none'; style-src-attr 'unsafe-inline'; img-src 'self' https: data:;"
      + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  static final String HSTS = "max-age=31536000";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY"); // frame-ancestors for browsers that predate it
    if (Sessions.secure(ctx)) ctx.header("Strict-Transport-Security", HSTS);
  }
}
