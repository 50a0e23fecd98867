package org.paperboy.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * The persistent outbox: a mail the application accepted is a row here, written in the caller's
 * transaction, and stays until it is sent (or given up on), so a crash neither loses nor repeats it.
 * Senders claim rows with a short lease, so several processes on one PostgreSQL never send one row twice.
 */
public final class Outbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final Clock clock;
  private final String messageIdDomain;

  public Outbox(Database database, Clock clock, String fromAddress) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.messageIdDomain = fromAddress.substring(fromAddress.indexOf('@') + 1);
  }

  public enum Status { PENDING, SENT, FAILED }

  /** Queues the mail in its own transaction. False when a mail with its key was already queued. */
  public boolean enqueue(OutgoingMail mail) {
    return jdbi.inTransaction(h -> enqueue(h, mail));
  }

  /** Queues the mail inside the caller's transaction, so it exists exactly when the caller's change does. */
  public boolean enqueue(Handle handle, OutgoingMail mail) {
    String now = clock.instant().toString();
    return handle.createUpdate("INSERT INTO mail_outbox (dedupe_key, message_id, recipient, subject, text_body, html_body,"
            + " headers, secret, status, attempts, next_attempt_at, created_at)"
            + " VALUES (:key, :messageId, :to, :subject, :text, :html, :headers, :secret, 'pending', 0, :due, :now)"
            + " ON CONFLICT (dedupe_key) DO NOTHING")
        .bind("key", mail.dedupeKey())
        .bind("messageId", "<" + UUID.randomUUID() + "@" + messageIdDomain + ">")
        .bind("to", mail.to())
        .bind("subject", mail.subject())
        .bind("text", mail.text())
        .bind("html", mail.html())
        .bind("headers", toJson(mail.headers()))
        .bind("secret", mail.secret())
        .bind("now", now)
        .bind("due", clock.millis())
        .execute() == 1;
  }

  /** Claims up to {@code limit} due mails for this sender; a claimed row is invisible to others until its lease ends. */
  public List<QueuedMail> claimDue(int limit, Duration lease) {
    long now = clock.millis();
    return jdbi.inTransaction(h -> {
      List<Long> ids = h.createQuery("SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= :now"
              + " AND (locked_until IS NULL OR locked_until < :now) ORDER BY id LIMIT :limit")
          .bind("now", now).bind("limit", limit).mapTo(Long.class).list();
      List<QueuedMail> claimed = new ArrayList<>();
      for (long id : ids) {
        int won = h.createUpdate("UPDATE mail_outbox SET locked_until = :until WHERE id = :id AND status = 'pending'"
                + " AND (locked_until IS NULL OR locked_until < :now)")
            .bind("until", now + lease.toMillis()).bind("now", now).bind("id", id).execute();
        if (won == 1) claimed.add(load(h, id));
      }
      return claimed;
    });
  }

  private QueuedMail load(Handle h, long id) {
    return h.createQuery("SELECT * FROM mail_outbox WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new QueuedMail(rs.getLong("id"), rs.getString("message_id"),
            new OutgoingMail(rs.getString("dedupe_key"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("text_body"), rs.getString("html_body"), fromJson(rs.getString("headers")),
                rs.getString("secret")).revealed(),
            rs.getInt("attempts")))
        .one();
  }

  public void markSent(long id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET status = 'sent', sent_at = :now, locked_until = NULL,"
            + " secret = NULL, attempts = attempts + 1 WHERE id = :id")
        .bind("now", clock.instant().toString()).bind("id", id).execute());
  }

  /**
   * Records a failed attempt: a permanent failure, or the last allowed attempt, gives the mail up;
   * otherwise it is retried after an exponentially growing delay.
   *
   * @return true when the mail was given up
   */
  public boolean markFailed(QueuedMail mail, String error, boolean permanent, int maxAttempts, Duration firstDelay) {
    int attempts = mail.attempts() + 1;
    boolean giveUp = permanent || attempts >= maxAttempts;
    Duration delay = firstDelay.multipliedBy(1L << Math.min(attempts - 1, 10));
    jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET attempts = :attempts, last_error = :error, locked_until = NULL,"
            + " status = :status, next_attempt_at = :next, secret = CASE WHEN :giveUp THEN NULL ELSE secret END WHERE id = :id")
        .bind("giveUp", giveUp).bind("attempts", attempts).bind("error", error).bind("status", giveUp ? "failed" : "pending")
        .bind("next", clock.millis() + delay.toMillis()).bind("id", mail.id()).execute());
    return giveUp;
  }

  public Map<Status, Long> counts() {
    return jdbi.withHandle(h -> {
      Map<Status, Long> counts = new java.util.EnumMap<>(Status.class);
      for (Status s : Status.values()) counts.put(s, 0L);
      h.createQuery("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status")
          .map((rs, ctx) -> counts.put(Status.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getLong(2)))
          .list();
      return counts;
    });
  }

  /** Mails given up on, newest first, for the admin page. */
  public List<String> failures(int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT recipient || ': ' || COALESCE(last_error, '') FROM mail_outbox"
            + " WHERE status = 'failed' ORDER BY id DESC LIMIT :limit")
        .bind("limit", limit).mapTo(String.class).list());
  }

  private static String toJson(Map<String, String> headers) {
    try {
      return JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt headers in the outbox: " + e.getMessage(), e);
    }
  }
}
