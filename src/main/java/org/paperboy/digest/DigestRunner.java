package org.paperboy.digest;

import java.time.Instant;
import java.util.ArrayList;
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
import org.paperboy.support.Plural;
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
      return String.format("%s: %s queued, %d with nothing new (no mail), %d not due yet, %d already done",
          Plural.of(considered, "subscriber"), Plural.of(queued, "digest"), nothingNew, notDue, alreadyDone);
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
    List<Subscription> active = subscriptions.active(frequency);
    // Subscribers go in chunks: one query for what each chunk was already sent, one transaction to
    // record it. A chunk commits whole or not at all, so a crash anywhere still doubles nothing.
    for (int from = 0; from < active.size(); from += CHUNK) {
      List<Subscription> chunk = active.subList(from, Math.min(active.size(), from + CHUNK));
      considered += chunk.size();
      Set<String> decided = decidedPeriods(chunk);
      Map<Long, Set<String>> sent = sentPapers(chunk);
      List<Digest> digests = new ArrayList<>();
      for (Subscription s : chunk) {
        Optional<Period> due = Period.due(s, now);
        if (due.isEmpty()) {
          notDue++;
          continue;
        }
        Period period = due.get();
        if (decided.contains(s.id() + "|" + period.key())) {
          done++;
          continue;
        }
        DigestComposer.Candidates c = candidates.computeIfAbsent(period.key(), k -> DigestComposer.candidates(trending, period));
        Digest digest = composer.compose(s, c, sent.getOrDefault(s.id(), Set.of()));
        report.accept(digest);
        digests.add(digest);
      }
      if (dryRun) {
        for (Digest d : digests) {
          if (d.empty()) empty++;
          else queued++;
        }
        continue;
      }
      for (Outcome o : record(digests)) {
        switch (o) {
          case QUEUED -> queued++;
          case EMPTY -> empty++;
          case RACED -> done++;
        }
      }
    }
    return new Summary(considered, queued, empty, notDue, done);
  }

  static final int CHUNK = 250;

  private enum Outcome { QUEUED, EMPTY, RACED }

  private List<Outcome> record(List<Digest> digests) {
    if (digests.isEmpty()) return List.of();
    String at = clock.instant().toString();
    return jdbi.inTransaction(h -> {
      List<Outcome> outcomes = new ArrayList<>(digests.size());
      var claim = h.prepareBatch("INSERT INTO digest_runs (subscription_id, period_key, papers, created_at)"
          + " VALUES (:s, :p, :n, :at) ON CONFLICT (subscription_id, period_key) DO NOTHING");
      for (Digest d : digests) {
        claim.bind("s", d.subscription().id()).bind("p", d.period().key()).bind("n", d.items().size()).bind("at", at).add();
      }
      int[] claimed = claim.execute();
      var papers = h.prepareBatch("INSERT INTO digest_sent_papers (subscription_id, paper_id, period_key) VALUES (:s, :paper, :p)"
          + " ON CONFLICT (subscription_id, paper_id) DO NOTHING");
      boolean anyPapers = false;
      for (int i = 0; i < digests.size(); i++) {
        Digest d = digests.get(i);
        if (claimed[i] == 0) { // another run decided this period first
          outcomes.add(Outcome.RACED);
          continue;
        }
        if (d.empty()) {
          outcomes.add(Outcome.EMPTY);
          continue;
        }
        long id = d.subscription().id();
        for (Digest.Item item : d.items()) {
          papers.bind("s", id).bind("paper", item.paper().id().value()).bind("p", d.period().key()).add();
          anyPapers = true;
        }
        outbox.enqueue(h, DigestMail.render(d, baseUrl, subscriptions.unsubscribeUrl(baseUrl, id),
            subscriptions.manageUrl(baseUrl, id)));
        outcomes.add(Outcome.QUEUED);
      }
      if (anyPapers) papers.execute();
      return outcomes;
    });
  }

  /** "subscriptionId|periodKey" of every period already decided for these subscribers. */
  private Set<String> decidedPeriods(List<Subscription> chunk) {
    return jdbi.withHandle(h -> new HashSet<>(h.createQuery("SELECT subscription_id, period_key FROM digest_runs"
            + " WHERE subscription_id IN (<ids>)")
        .bindList("ids", chunk.stream().map(Subscription::id).toList())
        .map((rs, ctx) -> rs.getLong(1) + "|" + rs.getString(2)).list()));
  }

  private Map<Long, Set<String>> sentPapers(List<Subscription> chunk) {
    Map<Long, Set<String>> sent = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT subscription_id, paper_id FROM digest_sent_papers WHERE subscription_id IN (<ids>)")
        .bindList("ids", chunk.stream().map(Subscription::id).toList())
        .map((rs, ctx) -> sent.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2))).list());
    return sent;
  }

  /** A preview for the subscriber's browser: what the next digest would hold now (nothing is recorded). */
  public Digest preview(Subscription s, Instant now) {
    Period p = Period.upcoming(s, now);
    return composer.compose(s, DigestComposer.candidates(trending, p), sentPapers(List.of(s)).getOrDefault(s.id(), Set.of()));
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
