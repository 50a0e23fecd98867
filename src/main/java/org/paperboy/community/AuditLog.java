package org.paperboy.community;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/** Every curator and admin action, append-only, for accountability. */
public final class AuditLog {
  public record Entry(String at, long actorId, String action, String target, String detail) {}

  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  public void record(Account actor, String action, String target, String detail) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, actor_id, action, target, detail)"
            + " VALUES (:at, :actor, :action, :target, :detail)")
        .bind("at", clock.instant().toString()).bind("actor", actor.id()).bind("action", action)
        .bind("target", target).bind("detail", detail).execute());
  }

  public List<Entry> recent(int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT at, actor_id, action, target, detail FROM audit_log ORDER BY id DESC LIMIT :n")
        .bind("n", limit)
        .map((rs, ctx) -> new Entry(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list());
  }
}
