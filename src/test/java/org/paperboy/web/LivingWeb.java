package org.paperboy.web;

import java.time.Instant;
import org.paperboy.community.Account;
import org.paperboy.community.Role;
import org.paperboy.paper.ArxivId;

/**
 * One {@link WebFixture} for the tests of what machines and link previews read (the API dialect,
 * Markdown, pages' tags), built once per test JVM because building it embeds 200 abstracts. On top of
 * the fixture's data: a discussion under 2405.15738, DreamX-Phi's repository gaining 40 stars in the last
 * week, and a signed-in member (ada). Tests only read it.
 */
final class LivingWeb {
  private static WebFixture shared;
  private static String adaSession;

  private LivingWeb() {}

  static synchronized WebFixture shared() {
    if (shared != null) return shared;
    WebFixture web = new WebFixture(null, true);
    Account ada = web.app.accounts().addOrSetRole("ada@example.org", Role.MEMBER);
    long first = web.app.comments().add(ada, ArxivId.parse("2405.15738"), null, "Does it scale to <video>?");
    web.app.comments().add(ada, ArxivId.parse("2405.15738"), first, "a reply");
    web.app.githubStars().observed("AMAP-ML/DreamX-Phi", 23, "W/\"a\"", Instant.parse("2026-11-20T12:00:00Z"));
    web.app.githubStars().observed("AMAP-ML/DreamX-Phi", 63, "W/\"b\"", Instant.parse("2026-11-29T10:00:00Z"));
    web.app.codeLinks().catchUp();
    adaSession = web.app.signIn().sessionFor(ada);
    Runtime.getRuntime().addShutdownHook(new Thread(web::close));
    shared = web;
    return web;
  }

  /** The value of a signed-in member's session cookie (ada, who saved nothing yet). */
  static String memberSession() {
    shared();
    return adaSession;
  }

  /** {@code path} under the address the server writes into its answers (its public URL). */
  static String site(String path) {
    return shared().server.publicUrl() + path;
  }
}
