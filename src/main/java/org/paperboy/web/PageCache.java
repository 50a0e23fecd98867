package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Rendered responses kept per URL while the data stays as it was ({@link Freshness#version()}), so a
 * busy page costs one render per data change instead of one per request. Bounded by total bytes,
 * least recently used out first. A visitor who carries the visit cookie or a session gets a fresh
 * render, since their page marks what is new to them, their votes and their forms.
 *
 * <p>It also answers ETags: computed once per cached body (Javalin's own ETag hashes every response
 * byte by byte, which cost more than rendering), and {@code If-None-Match} answered with 304.
 */
final class PageCache {
  private static final long MAX_BYTES = 32L << 20;

  /** @param headers the handler's own {@code X-} headers (totals, windows), served again with the body */
  private record Cached(String version, String contentType, byte[] body, String etag, Map<String, String> headers) {}

  private final Freshness freshness;
  private final Map<String, Cached> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  PageCache(Freshness freshness) {
    this.freshness = freshness;
  }

  /** Serves {@code handler}'s answers from the cache when they are still current. */
  Handler wrap(Handler handler) {
    return wrap(handler, ctx -> {});
  }

  /** As {@link #wrap(Handler)}, running {@code onHit} for a cached answer (to set a cookie, say). */
  Handler wrap(Handler handler, Handler onHit) {
    return wrap("", handler, onHit);
  }

  /** As {@link #wrap(Handler)} for another representation of the same URL (Markdown beside HTML), kept apart. */
  Handler wrap(String variant, Handler handler) {
    return wrap(variant, handler, ctx -> {});
  }

  /**
   * As {@link #wrap(String, Handler)} for an answer that also shows what the data version does not follow
   * (a paper's similar papers, found by its vector's tier among the papers with vectors so far): current
   * while {@code alsoOn} says the same.
   */
  Handler wrap(String variant, Handler handler, Function<Context, String> alsoOn) {
    return wrap(variant, handler, ctx -> {}, alsoOn);
  }

  private Handler wrap(String variant, Handler handler, Handler onHit) {
    return wrap(variant, handler, onHit, ctx -> "");
  }

  private Handler wrap(String variant, Handler handler, Handler onHit, Function<Context, String> alsoOn) {
    return ctx -> {
      boolean personal = ctx.cookie(VisitCookie.NAME) != null || Sessions.present(ctx);
      String key = variant + ':' + ctx.path() + '?' + (ctx.queryString() == null ? "" : ctx.queryString());
      // asked before rendering: an answer rendered from newer data than this is only rendered again
      String version = personal ? "" : freshness.version() + '|' + alsoOn.apply(ctx);
      Cached answer = personal ? null : get(key, version);
      if (answer != null) {
        onHit.handle(ctx);
        answer.headers().forEach(ctx::header);
      } else {
        handler.handle(ctx);
        String result = ctx.result();
        // ctx.contentType() reads the request's header; the response's is on the servlet response
        String type = ctx.res().getContentType();
        if (ctx.statusCode() != 200 || result == null || type == null) return;
        byte[] body = result.getBytes(StandardCharsets.UTF_8);
        answer = new Cached(version, type, body, etag(body), ownHeaders(ctx));
        if (!personal) put(key, answer);
      }
      ctx.header("ETag", answer.etag);
      if (answer.etag.equals(ctx.header("If-None-Match"))) {
        ctx.status(304).result(new byte[0]);
      } else {
        ctx.contentType(answer.contentType).result(answer.body);
      }
    };
  }

  private static Map<String, String> ownHeaders(Context ctx) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : ctx.res().getHeaderNames()) {
      if (name.regionMatches(true, 0, "X-", 0, 2) && !name.equalsIgnoreCase("X-Content-Type-Options")
          && !name.equalsIgnoreCase("X-Frame-Options")) {
        headers.put(name, ctx.res().getHeader(name));
      }
    }
    return Map.copyOf(headers);
  }

  private static String etag(byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
  }

  private synchronized Cached get(String key, String version) {
    Cached c = entries.get(key);
    return c != null && c.version.equals(version) ? c : null;
  }

  private synchronized void put(String key, Cached value) {
    Cached old = entries.put(key, value);
    if (old != null) bytes -= old.body.length;
    bytes += value.body.length;
    var eldest = entries.entrySet().iterator();
    while (bytes > MAX_BYTES && eldest.hasNext()) {
      bytes -= eldest.next().getValue().body.length;
      eldest.remove();
    }
  }
}
