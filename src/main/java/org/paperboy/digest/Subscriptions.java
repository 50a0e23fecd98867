package org.paperboy.digest;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.paperboy.db.Database;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.support.EmailAddress;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Refusal;
import org.paperboy.support.Signer;

/**
 * Subscribing with double opt-in, managing and leaving through signed links. Subscribing answers the
 * same whether or not the address is known; nothing is sent to an address until it confirms.
 */
public final class Subscriptions {
  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit(10, Duration.ofHours(1));
  static final RateLimiter.Limit PER_ADDRESS = new RateLimiter.Limit(3, Duration.ofHours(1));
  /** Permanent SMTP failures (5xx) in a row before a subscription is suspended. */
  static final int SUSPEND_AFTER = 3;

  static final RowMapper<Subscription> MAPPER = (rs, ctx) -> {
    long account = rs.getLong("account_id");
    Long accountId = rs.wasNull() ? null : account;
    return new Subscription(rs.getLong("id"), rs.getString("email"), accountId,
        Subscription.Frequency.valueOf(rs.getString("frequency").toUpperCase(Locale.ROOT)),
        DayOfWeek.of(rs.getInt("weekday")), rs.getInt("send_hour"), ZoneId.of(rs.getString("time_zone")),
        Topics.parse(rs.getString("categories"), rs.getString("keywords"), rs.getString("interest"), rs.getString("excluded")),
        Subscription.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("permanent_failures"),
        "for-you".equals(rs.getString("source")));
  };

  /** What a subscriber fills in. */
  public record Request(String email, Subscription.Frequency frequency, DayOfWeek weekday, int sendHour, String timeZone,
      Topics topics) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final Outbox outbox;
  private final Signer links;
  private final RateLimiter limiter;

  public Subscriptions(Database database, Clock clock, Outbox outbox, Signer linkSigner, RateLimiter limiter) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.outbox = outbox;
    this.links = linkSigner;
    this.limiter = limiter;
  }

  /**
   * Records a subscription request and mails a confirmation link (or, for an address already
   * subscribed, a link to manage it). The caller shows the same answer in every case.
   */
  public void subscribe(Request r, String clientIp, String baseUrl) {
    String email = EmailAddress.require(r.email());
    if (r.sendHour() < 0 || r.sendHour() > 23) throw Refusal.badInput("the hour must be 0–23");
    ZoneId zone;
    try {
      zone = ZoneId.of(r.timeZone() == null || r.timeZone().isBlank() ? "UTC" : r.timeZone().strip());
    } catch (DateTimeException e) {
      throw Refusal.badInput("'" + r.timeZone() + "' is not a time zone (e.g. Europe/Berlin)");
    }
    limit("subscribe-ip:" + clientIp, PER_IP);
    limit("subscribe-address:" + email, PER_ADDRESS);
    String now = clock.instant().toString();
    jdbi.useTransaction(h -> {
      Optional<Subscription> existing = find(h, email);
      if (existing.isPresent() && existing.get().status() == Subscription.Status.ACTIVE) {
        Subscription s = existing.get();
        outbox.enqueue(h, OutgoingMail.text("subscription-exists:" + s.id() + ":" + now, email,
            "Your Paperboy digest subscription",
            "You (or someone) asked to subscribe this address to Paperboy's digest. It is already subscribed.\n\n"
                + "Change what you receive: " + manageUrl(baseUrl, s.id()) + "\n"
                + "Unsubscribe: " + unsubscribeUrl(baseUrl, s.id()) + "\n"));
        return;
      }
      long id;
      if (existing.isPresent()) {
        id = existing.get().id();
        h.createUpdate("UPDATE subscriptions SET frequency = :f, weekday = :wd, send_hour = :hour, time_zone = :tz,"
                + " categories = :cat, keywords = :kw, interest = :in, excluded = :ex, status = 'pending', ended_at = NULL"
                + " WHERE id = :id")
            .bindMap(fields(r, zone)).bind("id", id).execute();
      } else {
        id = h.createUpdate("INSERT INTO subscriptions (email, frequency, weekday, send_hour, time_zone, categories, keywords,"
                + " interest, excluded, status, permanent_failures, created_at)"
                + " VALUES (:email, :f, :wd, :hour, :tz, :cat, :kw, :in, :ex, 'pending', 0, :now)")
            .bindMap(fields(r, zone)).bind("email", email).bind("now", now)
            .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      }
      outbox.enqueue(h, OutgoingMail.text("subscription-confirm:" + id + ":" + now, email, "Confirm your Paperboy digest",
          "Please confirm that you want Paperboy's " + r.frequency().name().toLowerCase(Locale.ROOT)
              + " digest of trending papers at this address:\n\n" + confirmUrl(baseUrl, id)
              + "\n\nIf you did not ask for it, ignore this mail: nothing will be sent.\n"));
    });
  }

  private static java.util.Map<String, Object> fields(Request r, ZoneId zone) {
    Topics t = r.topics();
    return java.util.Map.of("f", r.frequency().name().toLowerCase(Locale.ROOT),
        "wd", (r.weekday() == null ? DayOfWeek.MONDAY : r.weekday()).getValue(), "hour", r.sendHour(), "tz", zone.getId(),
        "cat", t.categoriesText(), "kw", t.keywordsText(), "in", t.interest(), "ex", t.excludedText());
  }

  private void limit(String key, RateLimiter.Limit limit) {
    limiter.acquire(key, limit, "too many subscription requests");
  }

  // ---------------------------------------------------------------- signed links

  public String confirmUrl(String baseUrl, long id) {
    return baseUrl + "/subscriptions/confirm/" + links.sign("confirm:" + id);
  }

  public String manageUrl(String baseUrl, long id) {
    return baseUrl + "/subscriptions/manage/" + links.sign("manage:" + id);
  }

  public String unsubscribeUrl(String baseUrl, long id) {
    return baseUrl + "/unsubscribe/" + links.sign("unsubscribe:" + id);
  }

  /** The subscription a signed link of this purpose names. */
  public Subscription byToken(String purpose, String token) {
    long id = links.verify(token).filter(p -> p.startsWith(purpose + ":"))
        .map(p -> Long.parseLong(p.substring(purpose.length() + 1)))
        .orElseThrow(() -> Refusal.notFound("this link is not valid; it may have been copied incompletely"));
    return find(id).orElseThrow(() -> Refusal.notFound("this subscription no longer exists"));
  }

  public Subscription confirm(String token) {
    Subscription s = byToken("confirm", token);
    jdbi.useHandle(h -> h.createUpdate("UPDATE subscriptions SET status = 'active', confirmed_at = :now, permanent_failures = 0"
            + " WHERE id = :id AND status IN ('pending', 'active')")
        .bind("now", clock.instant().toString()).bind("id", s.id()).execute());
    return find(s.id()).orElseThrow();
  }

  /** One click, no questions: RFC 8058. Idempotent. */
  public Subscription unsubscribe(String token) {
    Subscription s = byToken("unsubscribe", token);
    jdbi.useHandle(h -> h.createUpdate("UPDATE subscriptions SET status = 'unsubscribed', ended_at = :now WHERE id = :id"
            + " AND status <> 'unsubscribed'")
        .bind("now", clock.instant().toString()).bind("id", s.id()).execute());
    return find(s.id()).orElseThrow();
  }

  /** Changes what an active subscriber receives (from the manage link). */
  public Subscription update(Subscription s, Request r) {
    ZoneId zone;
    try {
      zone = ZoneId.of(r.timeZone().strip());
    } catch (DateTimeException e) {
      throw Refusal.badInput("'" + r.timeZone() + "' is not a time zone (e.g. Europe/Berlin)");
    }
    if (r.sendHour() < 0 || r.sendHour() > 23) throw Refusal.badInput("the hour must be 0–23");
    jdbi.useHandle(h -> h.createUpdate("UPDATE subscriptions SET frequency = :f, weekday = :wd, send_hour = :hour,"
            + " time_zone = :tz, categories = :cat, keywords = :kw, interest = :in, excluded = :ex WHERE id = :id")
        .bindMap(fields(r, zone)).bind("id", s.id()).execute());
    return find(s.id()).orElseThrow();
  }

  // ---------------------------------------------------------------- reading

  public Optional<Subscription> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM subscriptions WHERE id = :id").bind("id", id).map(MAPPER).findOne());
  }

  public Optional<Subscription> findByEmail(String email) {
    String e = EmailAddress.require(email);
    return jdbi.withHandle(h -> find(h, e));
  }

  private static Optional<Subscription> find(Handle h, String email) {
    return h.createQuery("SELECT * FROM subscriptions WHERE email = :e").bind("e", email).map(MAPPER).findOne();
  }

  /** Whether the subscription's papers come from the member's personal ranking (true) or trending (false). */
  public void setForYou(long subscriptionId, boolean forYou) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE subscriptions SET source = :s WHERE id = :id")
        .bind("s", forYou ? "for-you" : "trending").bind("id", subscriptionId).execute());
  }

  /** Removes the subscription of this address and what was sent under it (a member erasing their account). */
  public void forget(String email) {
    String e = EmailAddress.require(email);
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM subscriptions WHERE email = :e").bind("e", e).execute());
  }

  /** Every active subscription (of one frequency, or all when null), in id order. */
  public List<Subscription> active(Subscription.Frequency frequency) {
    String only = frequency == null ? "%" : frequency.name().toLowerCase(Locale.ROOT);
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM subscriptions WHERE status = 'active' AND frequency LIKE :f ORDER BY id")
        .bind("f", only).map(MAPPER).list());
  }

  /** A digest to this address bounced permanently: after {@value #SUSPEND_AFTER} in a row the subscription is suspended. */
  public void recordPermanentFailure(long subscriptionId) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE subscriptions SET permanent_failures = permanent_failures + 1 WHERE id = :id")
          .bind("id", subscriptionId).execute();
      h.createUpdate("UPDATE subscriptions SET status = 'suspended', ended_at = :now WHERE id = :id AND status = 'active'"
              + " AND permanent_failures >= :n")
          .bind("now", clock.instant().toString()).bind("id", subscriptionId).bind("n", SUSPEND_AFTER).execute();
    });
  }

  /** Suspended addresses, for admins. */
  public List<Subscription> suspended() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM subscriptions WHERE status = 'suspended' ORDER BY id")
        .map(MAPPER).list());
  }
}
