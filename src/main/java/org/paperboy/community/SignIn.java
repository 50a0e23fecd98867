package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.support.EmailAddress;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Refusal;
import org.paperboy.support.Signer;

/**
 * Passwordless sign-in: a single-use link by mail, valid 15 minutes, stored only as a hash; then a
 * session, a row in the store (its token's hash) named by a signed cookie, so signing out on one device
 * ends that session everywhere the cookie might have been copied to. Asking for a link answers the
 * same whether or not the address has an account.
 */
public final class SignIn {
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(15);
  public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
  /** Marks a session cookie (older cookies, "s1:", named an account and a time and could not be signed out alone). */
  private static final String SESSION_PREFIX = "s2:";
  static final RateLimiter.Limit PER_ADDRESS = new RateLimiter.Limit(3, Duration.ofMinutes(15));
  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit(10, Duration.ofMinutes(15));

  private final Jdbi jdbi;
  private final Clock clock;
  private final Outbox outbox;
  private final Accounts accounts;
  private final Signer sessions;
  private final RateLimiter limiter;

  public SignIn(Database database, Clock clock, Outbox outbox, Accounts accounts, Signer sessionSigner, RateLimiter limiter) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.outbox = outbox;
    this.accounts = accounts;
    this.sessions = sessionSigner;
    this.limiter = limiter;
  }

  /**
   * Mails a sign-in link to {@code email} (through the outbox, in the same transaction as the token).
   *
   * @param linkBase the absolute URL the token is appended to, e.g. {@code https://papers.example/signin/}
   */
  public void requestLink(String email, String clientIp, String linkBase) {
    String address = EmailAddress.require(email);
    limit("signin-ip:" + clientIp, PER_IP);
    limit("signin-address:" + address, PER_ADDRESS);
    String token = Signer.randomToken();
    String hash = Signer.sha256Hex(token);
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO signin_tokens (token_hash, email, expires_at) VALUES (:h, :e, :x)")
          .bind("h", hash).bind("e", address).bind("x", now + LINK_LIFETIME.toMillis()).execute();
      // the token reaches the store only until the mail is delivered: a copy of the store holds no usable link
      outbox.enqueue(h, OutgoingMail.withSecret("signin:" + hash, address, "Your Paperboy sign-in link",
          "Follow this link to sign in to Paperboy:\n\n" + linkBase + OutgoingMail.SECRET + "\n\nIt works once, for "
              + LINK_LIFETIME.toMinutes() + " minutes. If you did not ask for it, ignore this mail.", token));
    });
  }

  private void limit(String key, RateLimiter.Limit limit) {
    limiter.acquire(key, limit, "too many sign-in requests");
  }

  /** Spends a link's token: the account it signs in (created as a member on first use). */
  public Account redeem(String token) {
    if (token == null || token.length() > 100) throw expired();
    String hash = Signer.sha256Hex(token);
    long now = clock.millis();
    return jdbi.inTransaction(h -> {
      int spent = h.createUpdate("UPDATE signin_tokens SET used_at = :now WHERE token_hash = :h AND used_at IS NULL"
              + " AND expires_at > :now")
          .bind("now", now).bind("h", hash).execute();
      if (spent != 1) throw expired();
      String email = h.createQuery("SELECT email FROM signin_tokens WHERE token_hash = :h").bind("h", hash)
          .mapTo(String.class).one();
      return Accounts.findOrCreate(h, email, Role.MEMBER, now);
    });
  }

  private static Refusal expired() {
    return Refusal.badInput("this sign-in link has expired or was already used; ask for a new one");
  }

  /** Starts a session for this account: the value of its cookie. */
  public String sessionFor(Account account) {
    String token = Signer.randomToken();
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      // expired sessions go as new ones start, so the table holds only live ones
      h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now").bind("now", now).execute();
      h.createUpdate("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (:h, :a, :now, :x)")
          .bind("h", Signer.sha256Hex(token)).bind("a", account.id()).bind("now", now)
          .bind("x", now + SESSION_LIFETIME.toMillis()).execute();
    });
    return sessions.sign(SESSION_PREFIX + token);
  }

  /** The signed-in account, if the cookie is genuine and its session has neither expired nor been ended. */
  public Optional<Account> account(String cookie) {
    return tokenOf(cookie).flatMap(token -> jdbi.withHandle(h -> h.createQuery(
            "SELECT account_id FROM sessions WHERE token_hash = :h AND expires_at > :now")
        .bind("h", Signer.sha256Hex(token)).bind("now", clock.millis()).mapTo(Long.class).findOne()))
        .flatMap(accounts::find);
  }

  /** Signs this cookie's session out, wherever the cookie is. */
  public void endSession(String cookie) {
    tokenOf(cookie).ifPresent(token -> jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :h")
        .bind("h", Signer.sha256Hex(token)).execute()));
  }

  private Optional<String> tokenOf(String cookie) {
    return sessions.verify(cookie).filter(p -> p.startsWith(SESSION_PREFIX)).map(p -> p.substring(SESSION_PREFIX.length()));
  }
}
