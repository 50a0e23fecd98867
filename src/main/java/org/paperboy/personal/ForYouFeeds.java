package org.paperboy.personal;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.support.Signer;

/**
 * The private Atom feed of a member's For you ranking. As with a follow's feed, the URL carries a token
 * signed over (member, generation): unguessable, needing no cookie (feed readers have none), and
 * revoked at once by raising the generation ("New feed link"). The payload is prefixed so that a
 * follow's token can never open a For you feed or the other way round.
 */
public final class ForYouFeeds {
  private final Jdbi jdbi;
  private final Signer signer;

  public ForYouFeeds(Database database, Signer signer) {
    this.jdbi = database.jdbi();
    this.signer = signer;
  }

  /** The token of the member's feed URL as it stands. */
  public String token(long accountId) {
    return signer.signatureOf(payload(accountId, generation(accountId).orElse(0)));
  }

  /** Whether {@code token} is the member's current one (never for an erased account). */
  public boolean opens(long accountId, String token) {
    return generation(accountId).stream().anyMatch(g -> signer.signs(payload(accountId, g), token));
  }

  private static String payload(long accountId, int generation) {
    return "for-you:" + accountId + ":" + generation;
  }

  /** A new link for the member's feed; the old one stops working at once. */
  public void revoke(long accountId) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO for_you_feeds (account_id, generation) VALUES (:a, 1)"
            + " ON CONFLICT (account_id) DO UPDATE SET generation = for_you_feeds.generation + 1")
        .bind("a", accountId).execute());
  }

  /** The member's generation (0 until a first revocation); empty when there is no such account. */
  private Optional<Integer> generation(long accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(f.generation, 0) FROM accounts a"
            + " LEFT JOIN for_you_feeds f ON f.account_id = a.id WHERE a.id = :a")
        .bind("a", accountId).mapTo(Integer.class).findOne());
  }
}
