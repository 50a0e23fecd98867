package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Refusal;

/**
 * Upvotes: one per member per paper, enforced by the primary key, so counts are exact however many
 * requests race. What the pages show is the imported baseline plus these.
 */
public final class Votes {
  static final RateLimiter.Limit PER_ACCOUNT = new RateLimiter.Limit(60, Duration.ofMinutes(1));
  // Generous: many members may share one address (a lab behind NAT); it bounds a script making accounts.
  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit(300, Duration.ofMinutes(1));

  private final Jdbi jdbi;
  private final Clock clock;
  private final RateLimiter limiter;

  public Votes(Database database, Clock clock, RateLimiter limiter) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.limiter = limiter;
  }

  /** True when this call added the vote (false: it was there already). */
  public boolean upvote(Account account, ArxivId paper) {
    return upvote(account, paper, null);
  }

  /** As {@link #upvote(Account, ArxivId)}, also counted against the client's address (null: not known). */
  public boolean upvote(Account account, ArxivId paper, String clientIp) {
    limit(account, clientIp);
    try {
      return jdbi.withHandle(h -> h.createUpdate("INSERT INTO votes (paper_id, account_id, created_at) VALUES (:p, :a, :at)"
              + " ON CONFLICT (paper_id, account_id) DO NOTHING")
          .bind("p", paper.value()).bind("a", account.id()).bind("at", clock.instant().toString()).execute()) == 1;
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      // the only constraint left is the paper's foreign key
      if (!org.paperboy.db.ConstraintViolation.in(e)) throw e;
      throw Refusal.notFound("no paper " + paper + " here to vote on");
    }
  }

  /** True when this call removed the vote. */
  public boolean withdraw(Account account, ArxivId paper) {
    return withdraw(account, paper, null);
  }

  public boolean withdraw(Account account, ArxivId paper, String clientIp) {
    limit(account, clientIp);
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM votes WHERE paper_id = :p AND account_id = :a")
        .bind("p", paper.value()).bind("a", account.id()).execute()) == 1;
  }

  private void limit(Account account, String clientIp) {
    limiter.acquire("vote:" + account.id(), PER_ACCOUNT, "too many votes");
    if (clientIp != null) limiter.acquire("vote-ip:" + clientIp, PER_IP, "too many votes from your address");
  }

  public long count(ArxivId paper) {
    return counts(List.of(paper)).getOrDefault(paper.value(), 0L);
  }

  /** Member votes per paper id (papers without votes are absent). */
  public Map<String, Long> counts(Collection<ArxivId> papers) {
    if (papers.isEmpty()) return Map.of();
    return jdbi.withHandle(h -> {
      Map<String, Long> counts = new HashMap<>();
      h.createQuery("SELECT paper_id, COUNT(*) FROM votes WHERE paper_id IN (<ids>) GROUP BY paper_id")
          .bindList("ids", papers.stream().map(ArxivId::value).toList())
          .map((rs, ctx) -> counts.put(rs.getString(1), rs.getLong(2))).list();
      return counts;
    });
  }

  /** Which of these papers the member has upvoted. */
  public Set<String> votedBy(Account account, Collection<ArxivId> papers) {
    if (papers.isEmpty()) return Set.of();
    return jdbi.withHandle(h -> Set.copyOf(h.createQuery(
            "SELECT paper_id FROM votes WHERE account_id = :a AND paper_id IN (<ids>)")
        .bind("a", account.id()).bindList("ids", papers.stream().map(ArxivId::value).toList())
        .mapTo(String.class).list()));
  }

  /** Changes whenever a vote is cast or withdrawn: the store counts every write to the table (V61, {@code ChangeCounters}). */
  public String version() {
    return jdbi.withHandle(h -> h.createQuery("SELECT value FROM change_counters WHERE name = 'votes'")
        .mapTo(String.class).one());
  }

  /** The papers the member upvoted, newest vote first. */
  public List<ArxivId> papersVotedBy(long accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT paper_id FROM votes WHERE account_id = :a ORDER BY created_at DESC")
        .bind("a", accountId).map((rs, ctx) -> new ArxivId(rs.getString(1))).list());
  }
}
