package org.paperboy.web;

import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.util.Locale;
import org.paperboy.support.Refusal;

/**
 * What a request body may be, checked before any handler reads it: at most {@link #MAX_BYTES}, in a
 * charset this server knows, and readable as the form it claims to be. Anything else is a 400 with
 * one line saying why, never a 500 from deep inside a parser.
 */
final class RequestBodies {
  /** Enough for the longest comment (5,000 characters, each up to 12 bytes URL-encoded) with room to spare. */
  static final int MAX_BYTES = 128 * 1024;

  private RequestBodies() {}

  /** The same bound for every parser: Javalin's body, the servlet's form and multipart readers. */
  static void limit(JavalinConfig config) {
    config.http.maxRequestSize = MAX_BYTES;
    config.jetty.multipartConfig.maxTotalRequestSize(MAX_BYTES, SizeUnit.BYTES);
    config.jetty.multipartConfig.maxFileSize(MAX_BYTES, SizeUnit.BYTES);
    config.jetty.multipartConfig.maxInMemoryFileSize(MAX_BYTES, SizeUnit.BYTES); // never spill to a temporary file
    config.jetty.modifyServletContextHandler(handler -> handler.setMaxFormContentSize(MAX_BYTES));
  }

  /** Before every handler: a body too large, in an unknown charset, or a form that cannot be parsed is refused. */
  static void check(Context ctx) {
    String method = ctx.method().name();
    if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) return;
    long length = ctx.req().getContentLengthLong();
    if (length > MAX_BYTES) {
      throw Refusal.badInput("the request body is " + length + " bytes; this server takes at most " + MAX_BYTES / 1024 + " KiB");
    }
    String type = ctx.header("Content-Type"); // the raw header: the servlet's getter throws on an unknown charset
    String charset = charsetOf(type);
    if (charset != null) {
      boolean known;
      try {
        known = Charset.isSupported(charset);
      } catch (IllegalArgumentException e) {
        known = false;
      }
      if (!known) throw Refusal.badInput("the request's charset '" + charset + "' is not one this server reads: send UTF-8");
    }
    String mime = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (mime.startsWith("application/x-www-form-urlencoded") || mime.startsWith("multipart/form-data")) {
      try {
        ctx.formParamMap(); // parsed once here, so no handler meets a broken body
      } catch (Exception e) { // the servlet's ServletException too, thrown unchecked from Kotlin
        throw Refusal.badInput("the form cannot be read (" + reason(e) + "): send application/x-www-form-urlencoded"
            + " or multipart/form-data, in UTF-8, at most " + MAX_BYTES / 1024 + " KiB");
      }
    }
  }

  private static String charsetOf(String contentType) {
    if (contentType == null) return null;
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) return p.substring(8).replace("\"", "").strip();
    }
    return null;
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
