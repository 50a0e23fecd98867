package org.paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.StoredPaper;

/**
 * The papers that still need a vector of one tier, in the order they should get one: papers the
 * caller ranks first (those on the daily lists, the latest listed first, which puts trending papers
 * first), then the newest announcement day first. It reads the store once and then only what changed
 * since (new papers harvested while a server runs), holding a few dozen bytes per paper, not papers.
 * Not thread-safe: {@link VectorBackfill} takes from it under its own lock.
 */
final class VectorBacklog {
  /** One paper waiting for its vector; {@code rank} is its place among the caller's first papers, or MAX. */
  record Item(String paperId, int rank, long day) {}

  private static final Comparator<Item> ORDER = Comparator.comparingInt(Item::rank)
      .thenComparing(Comparator.comparingLong(Item::day).reversed())
      .thenComparing(Item::paperId);

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final EmbeddingModel model;
  private final VectorTier tier;
  private final Supplier<List<ArxivId>> first;
  private final java.util.function.Predicate<String> only;
  private final boolean fullerSuffices;
  private final PriorityQueue<Item> queue = new PriorityQueue<>(ORDER);
  private final java.util.Set<String> queued = new java.util.HashSet<>();
  /** Papers another worker holds, with when to ask again (epoch millis). */
  private final java.util.ArrayDeque<Deferred> deferred = new java.util.ArrayDeque<>();
  private record Deferred(List<Item> items, long retryAt) {}
  private long seq;
  private String seqId = "";
  private long total;
  private long alreadyDone;

  VectorBacklog(PaperStore papers, EmbeddingStore vectors, EmbeddingModel model, VectorTier tier,
      Supplier<List<ArxivId>> first, java.util.function.Predicate<String> only, boolean fullerSuffices) {
    this.only = only;
    this.fullerSuffices = fullerSuffices;
    this.papers = papers;
    this.vectors = vectors;
    this.model = model;
    this.tier = tier;
    this.first = first;
  }

  VectorTier tier() {
    return tier;
  }

  /** Reads papers written since the last call and queues those without a current vector; returns how many it queued. */
  int refresh() {
    boolean firstRead = seq == 0 && seqId.isEmpty();
    Map<String, String> have = firstRead ? currentHashes() : null;
    Map<String, Integer> rank = ranks();
    int added = 0;
    List<StoredPaper> page;
    while (!(page = papers.changedAfter(seq, seqId, 5_000)).isEmpty()) {
      Map<String, String> pageHave = have != null ? have
          : currentHashes(page.stream().map(sp -> sp.paper().id().value()).toList());
      for (StoredPaper sp : page) {
        Paper p = sp.paper();
        String id = p.id().value();
        if (!only.test(id)) continue;
        total++;
        if (EmbeddingStore.textHash(p).equals(pageHave.get(id))) {
          alreadyDone++;
          continue;
        }
        if (!queued.add(id)) continue; // changed again while waiting: it is read fresh when its turn comes
        java.time.LocalDate day = p.publishedOn();
        queue.add(new Item(id, rank.getOrDefault(id, Integer.MAX_VALUE), day == null ? Long.MIN_VALUE : day.toEpochDay()));
        added++;
      }
      seq = page.getLast().changeSeq();
      seqId = page.getLast().paper().id().value();
    }
    return added;
  }

  /** The next {@code n} papers in order, removed from the queue; papers deferred until {@code now} or before come back first. */
  List<Item> take(int n, long now) {
    while (!deferred.isEmpty() && deferred.peek().retryAt() <= now) putBack(deferred.poll().items());
    List<Item> out = new ArrayList<>(Math.min(n, queue.size()));
    while (out.size() < n && !queue.isEmpty()) {
      Item item = queue.poll();
      queued.remove(item.paperId());
      out.add(item);
    }
    return out;
  }

  /** Papers another worker holds: asked for again from {@code retryAt} on (its claim may run out, or it finishes them). */
  void defer(List<Item> items, long retryAt) {
    if (!items.isEmpty()) deferred.add(new Deferred(List.copyOf(items), retryAt));
  }

  /** Nothing queued, but papers held by other workers remain. */
  boolean waitingOnOthers() {
    return queue.isEmpty() && !deferred.isEmpty();
  }

  /** Puts papers back: they come out again in their place. */
  void putBack(List<Item> items) {
    for (Item item : items) {
      if (queued.add(item.paperId())) queue.add(item);
    }
  }

  int size() {
    return queue.size();
  }

  /** Papers this backlog has seen (an updated paper counts again), and how many of them already had a current vector. */
  long total() {
    return total;
  }

  long alreadyDone() {
    return alreadyDone;
  }

  private Map<String, Integer> ranks() {
    Map<String, Integer> rank = new HashMap<>();
    for (ArxivId id : first.get()) rank.putIfAbsent(id.value(), rank.size());
    return rank;
  }

  /** paper id → the hash of a vector that makes this tier's unneeded: its own, or (unless asked for every tier) a fuller one's. */
  private Map<String, String> currentHashes() {
    Map<String, String> have = new HashMap<>();
    for (VectorTier t : VectorTier.values()) {
      if (t == tier || (fullerSuffices && t.compareTo(tier) > 0)) vectors.hashes(model, t).forEach(have::putIfAbsent);
    }
    return have;
  }

  private Map<String, String> currentHashes(List<String> ids) {
    Map<String, String> have = new HashMap<>();
    var found = fullerSuffices ? vectors.find(model, ids) : vectors.find(model, tier, ids);
    for (EmbeddingStore.StoredVector v : found.values()) {
      if (v.tier().compareTo(tier) >= 0) have.put(v.paperId(), v.textHash());
    }
    return have;
  }
}
