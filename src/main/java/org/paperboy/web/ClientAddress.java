package org.paperboy.web;

import io.javalin.http.Context;

/**
 * The address rate limits count a visitor by. Behind a reverse proxy every request comes from the
 * proxy, so all visitors would share one budget; with {@code behindProxy} the address the proxy
 * appended last to X-Forwarded-For is used instead (earlier entries are the client's own claims and
 * could be forged). Without a proxy that header is ignored, since anyone could send it.
 */
final class ClientAddress {
  private final boolean behindProxy;

  ClientAddress(boolean behindProxy) {
    this.behindProxy = behindProxy;
  }

  String of(Context ctx) {
    String forwarded = behindProxy ? ctx.header("X-Forwarded-For") : null;
    if (forwarded == null || forwarded.isBlank()) return ctx.ip();
    String[] hops = forwarded.split(",");
    return hops[hops.length - 1].strip();
  }
}
