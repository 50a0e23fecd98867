package org.paperboy.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * Claims on embedding work, so several workers (threads, processes, machines on one PostgreSQL) share
 * the backlog without embedding a paper twice. A claim is a row per paper and tier naming the worker,
 * with a lease: a worker that dies leaves claims that run out, and any other worker takes them over.
 * A vector is written only together with the end of its worker's own claim (see
 * {@link EmbeddingStore#putClaimed}), as the mail outbox sends only rows its sender holds.
 */
public final class VectorClaims {
  private final Jdbi jdbi;
  private final Clock clock;

  public VectorClaims(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** A paper that needs a vector of the text with this hash. */
  public record Candidate(String paperId, String textHash) {}

  /**
   * What a claim attempt found: papers now this worker's, papers that meanwhile got a current vector
   * (nothing to do), and papers another worker holds.
   */
  public record Outcome(List<String> won, List<String> done, List<String> heldByOthers) {}

  /** Claims what it can of {@code candidates} for {@code lease}; one transaction. */
  public Outcome claim(EmbeddingModel model, VectorTier tier, List<Candidate> candidates, String worker, Duration lease) {
    return claim(model, tier, candidates, worker, lease, true);
  }

  /** @param fullerSuffices whether a current vector of a fuller tier makes this tier's unneeded */
  public Outcome claim(EmbeddingModel model, VectorTier tier, List<Candidate> candidates, String worker, Duration lease,
      boolean fullerSuffices) {
    if (candidates.isEmpty()) return new Outcome(List.of(), List.of(), List.of());
    long now = clock.millis();
    return jdbi.inTransaction(h -> {
      // insert, or take over a claim that ran out; a live claim of another worker is left alone
      var claim = h.prepareBatch("INSERT INTO embedding_claims (paper_id, model, tier, worker, locked_until)"
          + " VALUES (?,?,?,?,?) ON CONFLICT (paper_id, model, tier) DO UPDATE"
          + " SET worker = excluded.worker, locked_until = excluded.locked_until"
          + " WHERE embedding_claims.locked_until < ? OR embedding_claims.worker = excluded.worker");
      for (Candidate c : candidates) claim.add(c.paperId(), model.id(), tier.id(), worker, now + lease.toMillis(), now);
      int[] counts = claim.execute();
      Map<String, String> current = currentHashes(h, model, tier, candidates, fullerSuffices);
      List<String> won = new ArrayList<>(), done = new ArrayList<>(), others = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        Candidate c = candidates.get(i);
        if (c.textHash().equals(current.get(c.paperId()))) done.add(c.paperId());
        else if (counts[i] > 0) won.add(c.paperId());
        else others.add(c.paperId());
      }
      // a paper finished by another worker since the caller looked: give the claim back
      if (!done.isEmpty()) {
        var release = h.prepareBatch("DELETE FROM embedding_claims WHERE paper_id = ? AND model = ? AND tier = ? AND worker = ?");
        for (String id : done) release.add(id, model.id(), tier.id(), worker);
        release.execute();
      }
      return new Outcome(won, done, others);
    });
  }

  /** The text hash of each candidate's vector in this tier, or in a fuller one (which makes this tier's unneeded). */
  private static Map<String, String> currentHashes(Handle h, EmbeddingModel model, VectorTier tier, List<Candidate> candidates,
      boolean fullerSuffices) {
    Map<String, String> wanted = new HashMap<>();
    for (Candidate c : candidates) wanted.put(c.paperId(), c.textHash());
    List<String> tiers = new ArrayList<>();
    for (VectorTier t : VectorTier.values()) {
      if (t == tier || (fullerSuffices && t.compareTo(tier) > 0)) tiers.add(t.id());
    }
    Map<String, String> current = new HashMap<>();
    h.createQuery("SELECT paper_id, text_hash FROM paper_embeddings WHERE model = :m AND tier IN (<tiers>) AND paper_id IN (<ids>)")
        .bind("m", model.id()).bindList("tiers", tiers).bindList("ids", List.copyOf(wanted.keySet()))
        .map((rs, ctx) -> {
          String id = rs.getString(1), hash = rs.getString(2);
          if (hash.equals(wanted.get(id))) current.put(id, hash);
          return id;
        })
        .list();
    return current;
  }

  /**
   * Ends this worker's claims on these papers inside the caller's transaction.
   *
   * @return per paper, whether the claim was still this worker's
   */
  static boolean[] end(Handle h, EmbeddingModel model, VectorTier tier, String worker, List<String> paperIds) {
    var end = h.prepareBatch("DELETE FROM embedding_claims WHERE paper_id = ? AND model = ? AND tier = ? AND worker = ?");
    for (String id : paperIds) end.add(id, model.id(), tier.id(), worker);
    int[] counts = end.execute();
    boolean[] ours = new boolean[paperIds.size()];
    for (int i = 0; i < ours.length; i++) ours[i] = counts[i] > 0;
    return ours;
  }

  /** Gives back every claim of this worker (a clean stop), so others need not wait for the leases to run out. */
  public int releaseAll(String worker) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM embedding_claims WHERE worker = :w").bind("w", worker).execute());
  }

  /** Claims held now, by any worker (for status pages). */
  public long live() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM embedding_claims WHERE locked_until >= :now")
        .bind("now", clock.millis()).mapTo(Long.class).one());
  }
}
