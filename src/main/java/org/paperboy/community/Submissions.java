package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyList;

/**
 * Members put papers on today's list: one entry per paper, only recent papers (the window), so the
 * list stays news. Curators may submit anything and remove or pin entries; those actions are audited.
 */
public final class Submissions {
  static final RateLimiter.Limit PER_ACCOUNT = new RateLimiter.Limit(10, Duration.ofHours(1));
  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit(30, Duration.ofHours(1));

  private final DailyList lists;
  private final Clock clock;
  private final RateLimiter limiter;
  private final AuditLog audit;
  private final Duration window;

  /** @param window how old a paper's first version may be for a member to submit it */
  public Submissions(DailyList lists, Clock clock, RateLimiter limiter, AuditLog audit, Duration window) {
    this.lists = lists;
    this.clock = clock;
    this.limiter = limiter;
    this.audit = audit;
    this.window = window;
  }

  public Duration window() {
    return window;
  }

  /** Puts the paper on today's list (UTC) as submitted by this member; returns the day. */
  public LocalDate submit(Account who, Paper paper, String clientIp) {
    return submit(who, paper.id(), clientIp, id -> paper);
  }

  /**
   * As {@link #submit(Account, Paper, String)} for a paper named by id: the member's limits are checked
   * first, so a member over them costs arXiv nothing, then {@code paperFor} finds the paper (in the
   * store, or by fetching it).
   */
  public LocalDate submit(Account who, ArxivId id, String clientIp, java.util.function.Function<ArxivId, Paper> paperFor) {
    boolean curator = who.role().atLeast(Role.CURATOR);
    if (!curator) {
      limit("submit:" + who.id(), PER_ACCOUNT);
      limit("submit-ip:" + clientIp, PER_IP);
    }
    Paper paper = paperFor.apply(id);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Optional<LocalDate> listed = lists.firstListing(paper.id());
    if (listed.isPresent()) {
      throw Refusal.conflict(paper.id() + " is already on the list of " + listed.get());
    }
    Instant first = paper.firstSubmitted() != null ? paper.firstSubmitted()
        : paper.publishedOn() == null ? null : paper.publishedOn().atStartOfDay(ZoneOffset.UTC).toInstant();
    if (!curator && (first == null || first.isBefore(clock.instant().minus(window)))) {
      throw Refusal.badInput(paper.id() + " first appeared "
          + (first == null ? "at an unknown date" : "on " + LocalDate.ofInstant(first, ZoneOffset.UTC))
          + "; members may submit papers whose first version is at most " + window.toDays() + " days old");
    }
    if (!lists.add(today, paper.id(), who.displayName(), clock.instant())) {
      throw Refusal.conflict(paper.id() + " is already on today's list");
    }
    if (curator) audit.record(who, "submit", "paper:" + paper.id(), today.toString());
    return today;
  }

  public void remove(Account curator, LocalDate day, ArxivId paper) {
    Role.CURATOR.require(curator, "remove entries");
    if (!lists.remove(day, paper)) throw notListed(day, paper);
    audit.record(curator, "remove-entry", "paper:" + paper, day.toString());
  }

  public void setPinned(Account curator, LocalDate day, ArxivId paper, boolean pinned) {
    Role.CURATOR.require(curator, "pin entries");
    if (!lists.setPinned(day, paper, pinned)) throw notListed(day, paper);
    audit.record(curator, pinned ? "pin-entry" : "unpin-entry", "paper:" + paper, day.toString());
  }

  private static Refusal notListed(LocalDate day, ArxivId paper) {
    return Refusal.notFound(paper + " is not on the list of " + day);
  }

  private void limit(String key, RateLimiter.Limit limit) {
    limiter.acquire(key, limit, "too many submissions");
  }
}
