package org.paperboy.digest;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.trending.TrendingRanking;

/**
 * Decides every digest that is due and queues it. For each (subscriber, period) one transaction
 * writes the run (unique key), the papers it holds and the outbox row, so a crash at any point
 * leaves either all of it or none, and running again — in this process or another — never doubles
 * a digest. Sending is the outbox's job.
 */
public final class DigestRunner {
  private final Jdbi jdbi;
  private final Subscriptions subscriptions;
  private final DigestComposer composer;
  private final TrendingRanking trending;
  private final Outbox outbox;
  private final String baseUrl;
  private final java.time.Clock clock;

  public DigestRunner(Database database, Subscriptions subscriptions, DigestComposer composer, TrendingRanking trending,
      Outbox outbox, String baseUrl, java.time.Clock clock) {
    this.jdbi = database.jdbi();
    this.subscriptions = subscriptions;
    this.composer = composer;
    this.trending = trending;
    this.outbox = outbox;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  /** What a run did. */
  public record Summary(int considered, int queued, int nothingNew, int notDue, int alreadyDone) {
    @Override
    public String toString() {
      return String.format("%d subscribers: %d digests queued, %d with nothing new (no mail), %d not due yet, %d already done",
          considered, queued, nothingNew, notDue, alreadyDone);
    }
  }

  /**
   * Queues every digest due at {@code now}.
   *
   * @param frequency only this kind, or all when null
   * @param dryRun decide and report, write nothing
   * @param report told about each digest decided
   */
  public Summary run(Instant now, Subscription.Frequency frequency, boolean dryRun, Consumer<Digest> report) {
    Map<String, DigestComposer.Candidates> candidates = new HashMap<>();
    int considered = 0, queued = 0, empty = 0, notDue = 0, done = 0;
    for (Subscription s : subscriptions.active(frequency)) {
      considered++;
      Optional<Period> due = Period.due(s, now);
      if (due.isEmpty()) {
        notDue++;
        continue;
      }
      Period period = due.get();
      if (alreadyRun(s, period)) {
        done++;
        continue;
      }
      DigestComposer.Candidates c = candidates.computeIfAbsent(period.key(), k -> DigestComposer.candidates(trending, period));
      Digest digest = composer.compose(s, c, sentPapers(s));
      report.accept(digest);
      if (dryRun) {
        if (digest.empty()) empty++;
        else queued++;
        continue;
      }
      switch (record(digest)) {
        case QUEUED -> queued++;
        case EMPTY -> empty++;
        case RACED -> done++;
      }
    }
    return new Summary(considered, queued, empty, notDue, done);
  }

  private enum Outcome { QUEUED, EMPTY, RACED }

  private Outcome record(Digest d) {
    long id = d.subscription().id();
    String periodKey = d.period().key();
    return jdbi.inTransaction(h -> {
      int claimed = h.createUpdate("INSERT INTO digest_runs (subscription_id, period_key, papers, created_at)"
              + " VALUES (:s, :p, :n, :at) ON CONFLICT (subscription_id, period_key) DO NOTHING")
          .bind("s", id).bind("p", periodKey).bind("n", d.items().size()).bind("at", clock.instant().toString()).execute();
      if (claimed == 0) return Outcome.RACED; // another run decided this period first
      if (d.empty()) return Outcome.EMPTY;
      var batch = h.prepareBatch("INSERT INTO digest_sent_papers (subscription_id, paper_id, period_key) VALUES (:s, :paper, :p)"
          + " ON CONFLICT (subscription_id, paper_id) DO NOTHING");
      for (Digest.Item item : d.items()) batch.bind("s", id).bind("paper", item.paper().id().value()).bind("p", periodKey).add();
      batch.execute();
      OutgoingMail mail = DigestMail.render(d, baseUrl, subscriptions.unsubscribeUrl(baseUrl, id), subscriptions.manageUrl(baseUrl, id));
      outbox.enqueue(h, mail);
      return Outcome.QUEUED;
    });
  }

  private boolean alreadyRun(Subscription s, Period p) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM digest_runs WHERE subscription_id = :s AND period_key = :p")
        .bind("s", s.id()).bind("p", p.key()).mapTo(Integer.class).one() > 0);
  }

  private Set<String> sentPapers(Subscription s) {
    return jdbi.withHandle(h -> new HashSet<>(h.createQuery("SELECT paper_id FROM digest_sent_papers WHERE subscription_id = :s")
        .bind("s", s.id()).mapTo(String.class).list()));
  }

  /** A preview for the subscriber's browser: what the next digest would hold now (nothing is recorded). */
  public Digest preview(Subscription s, Instant now) {
    Period p = Period.due(s, now).orElseGet(() -> Period.due(s, now.plus(java.time.Duration.ofDays(7))).orElseThrow());
    return composer.compose(s, DigestComposer.candidates(trending, p), sentPapers(s));
  }

  /** Mail that was given up on: count it against the subscription, which is suspended after repeated bounces. */
  public void onMailGivenUp(String dedupeKey) {
    if (!dedupeKey.startsWith("digest:")) return;
    String[] parts = dedupeKey.split(":");
    subscriptions.recordPermanentFailure(Long.parseLong(parts[1]));
  }

  /** For tests and the benchmark: the digests a subscriber has been sent, by period. */
  List<String> periodsSent(long subscriptionId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT period_key FROM digest_runs WHERE subscription_id = :s AND papers > 0"
        + " ORDER BY period_key").bind("s", subscriptionId).mapTo(String.class).list());
  }
}
