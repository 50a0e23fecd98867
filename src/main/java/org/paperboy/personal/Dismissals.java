package org.paperboy.personal;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;

/** "Not interested": a paper the member never wants shown again, and whose likes the ranking pushes down. */
public final class Dismissals {
  private final Jdbi jdbi;
  private final Clock clock;
  private final PersonalVersions versions;

  public Dismissals(Database database, Clock clock, PersonalVersions versions) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.versions = versions;
  }

  /** True when the paper was not dismissed yet. */
  public boolean dismiss(long accountId, ArxivId paper) {
    return jdbi.inTransaction(h -> {
      PaperCollections.requirePaper(h, paper);
      int n = h.createUpdate("INSERT INTO dismissals (account_id, paper_id, created_at) VALUES (:a, :p, :at)"
              + " ON CONFLICT (account_id, paper_id) DO NOTHING")
          .bind("a", accountId).bind("p", paper.value()).bind("at", clock.instant().toString()).execute();
      if (n > 0) versions.bump(h, accountId);
      return n > 0;
    });
  }

  /** Takes a dismissal back; true when there was one. */
  public boolean undo(long accountId, ArxivId paper) {
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("DELETE FROM dismissals WHERE account_id = :a AND paper_id = :p")
          .bind("a", accountId).bind("p", paper.value()).execute();
      if (n > 0) versions.bump(h, accountId);
      return n > 0;
    });
  }

  /** The member's dismissed papers, newest first. */
  public List<ArxivId> of(long accountId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT paper_id FROM dismissals WHERE account_id = :a ORDER BY created_at DESC, paper_id")
        .bind("a", accountId).map((rs, ctx) -> new ArxivId(rs.getString(1))).list());
  }
}
