package org.paperboy.web;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.paperboy.community.Account;
import org.paperboy.community.Role;
import org.paperboy.paper.ArxivId;

/**
 * The one {@link WebFixture} per store kind that the read-only web classes share ({@link WebFixture#shared}),
 * built once per test JVM. On top of the fixture's data, so every route has something to show: a
 * discussion under 2405.15738, DreamX-Phi's repository gaining 40 stars in the last week, and a
 * signed-in member (ada, whose session cookie is {@code memberSession}). Tests only read it.
 */
record LivingWeb(WebFixture web, String memberSession) {
  private static final Map<String, LivingWeb> SHARED = new HashMap<>();

  static synchronized LivingWeb shared(String kind) {
    return SHARED.computeIfAbsent(kind, LivingWeb::build);
  }

  private static LivingWeb build(String kind) {
    WebFixture web = WebFixture.closedAtExit(new WebFixture(kind, null, true));
    Account ada = web.app.accounts().addOrSetRole("ada@example.org", Role.MEMBER);
    long first = web.app.comments().add(ada, ArxivId.parse("2405.15738"), null, "Does it scale to <video>?");
    web.app.comments().add(ada, ArxivId.parse("2405.15738"), first, "a reply");
    web.app.githubStars().observed("AMAP-ML/DreamX-Phi", 23, "W/\"a\"", Instant.parse("2026-11-20T12:00:00Z"));
    web.app.githubStars().observed("AMAP-ML/DreamX-Phi", 63, "W/\"b\"", Instant.parse("2026-11-29T10:00:00Z"));
    web.app.codeLinks().catchUp();
    return new LivingWeb(web, web.app.signIn().sessionFor(ada));
  }

  /** {@code path} under the address the server writes into its answers (its public URL). */
  String site(String path) {
    return web.server.publicUrl() + path;
  }
}
