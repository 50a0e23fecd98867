package org.paperboy.search;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.DiskFull;
import org.paperboy.support.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.paperboy.support.Refusal;
import org.paperboy.support.ThreadNice;

/**
 * Fills in missing vectors, tier by tier, in the backlog's order (see {@link VectorBacklog}). Each
 * worker thread runs its own single-threaded model session: on two cores that beat one session with
 * two threads (ONNX Runtime's intra-op threads wait on each other). Every batch is claimed before it
 * is embedded and written together with the end of its claim ({@link VectorClaims}), so any number
 * of workers, in this process or others against the same store, share the work and a paper is never
 * embedded twice; a killed run loses at most its running batches, which others take over once their
 * claims run out. A stop request is honoured between batches: the running batch is finished and
 * written, the rest of the claims given back.
 */
public final class VectorBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(VectorBackfill.class);

  /** Texts per model run: see the README for how it was chosen. */
  public static final int BATCH = 16;
  /** Papers per batch of the static tier: no model runs, so a batch is one store transaction's worth. */
  static final int STATIC_BATCH = 256;
  /** How long a claim lasts: many batches long, so only a dead worker's claims run out. */
  public static final Duration LEASE = Duration.ofMinutes(5);
  /** How long the background work waits, when every paper has its vectors, before it looks for new papers. */
  public static final Duration IDLE_WAIT = Duration.ofSeconds(10);
  /**
   * Batches taken from the backlog at a time and sorted by token count among themselves: a batch is
   * padded to its longest text, so the wider the window, the less padding (1,000 arXiv abstracts in
   * batches of 16, tokens run beyond the texts' own: 8 batches 7.0 %, 32 batches 2.0 %, all at once
   * 1.0 %), and the narrower, the closer the backlog's order is kept (papers on the lists first).
   */
  static final int WINDOW = 32;

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final VectorClaims claims;
  private final EmbeddingModel model;
  private final Supplier<List<ArxivId>> first;
  private final Clock clock;
  private final String worker;
  private int batch = BATCH;
  /** Where the model's tiers cut texts instead of their own {@link VectorTier#maxTokens}; 0: their own. */
  private int cut;
  private Duration lease = LEASE;
  private Duration idleWait = IDLE_WAIT;
  private final AtomicInteger failedRounds = new AtomicInteger();
  private boolean fullerSuffices = true;
  /** Where the model's static token vectors are cached; null: no static tier (it needs a data directory). */
  private java.nio.file.Path staticTable;
  private final AtomicLong embeddedTotal = new AtomicLong();

  /** A backfill with no papers to put first, claiming as a worker of this process. */
  public VectorBackfill(PaperStore papers, EmbeddingStore vectors, EmbeddingModel model) {
    this(papers, vectors, new VectorClaims(vectors.database(), Clock.systemUTC()), model, List::of, Clock.systemUTC());
  }

  /** @param first the papers to embed before all others, most wanted first (those on the daily lists, say) */
  public VectorBackfill(PaperStore papers, EmbeddingStore vectors, VectorClaims claims, EmbeddingModel model,
      Supplier<List<ArxivId>> first, Clock clock) {
    this.papers = papers;
    this.vectors = vectors;
    this.claims = claims;
    this.model = model;
    this.first = first;
    this.clock = clock;
    this.worker = workerName();
  }

  /** Texts per model run. */
  public VectorBackfill withBatch(int size) {
    if (size < 1) throw Refusal.badInput("the batch size must be at least 1");
    this.batch = size;
    return this;
  }

  /**
   * Cuts texts at {@code tokens} in every tier that runs the model, instead of the tier's own cut:
   * for benchmarks and the relevance harness, which compare cuts (never for a store the app serves,
   * whose vectors of one tier must all come from one cut).
   */
  public VectorBackfill withCut(int tokens) {
    if (tokens < 2) throw Refusal.badInput("the cut must be at least 2 tokens");
    this.cut = tokens;
    return this;
  }

  /** Where this backfill cuts a text for {@code tier}. */
  int cutOf(VectorTier tier) {
    return cut == 0 || tier == VectorTier.STATIC ? tier.maxTokens(model) : Math.min(cut, model.maxTokens());
  }

  /** How long a claim lasts before another worker may take it over. */
  public VectorBackfill withLease(Duration lease) {
    if (lease.isNegative() || lease.isZero()) throw Refusal.badInput("the lease must be longer than 0 s");
    this.lease = lease;
    return this;
  }

  /**
   * How long the background work waits for new papers once every paper has its vectors; after a failed
   * round it waits as long, doubled on each failure in a row (up to 8 times).
   */
  public VectorBackfill withIdleWait(Duration wait) {
    if (wait.isNegative() || wait.isZero()) throw Refusal.badInput("the idle wait must be longer than 0 s");
    this.idleWait = wait;
    return this;
  }

  /**
   * Gives each paper a vector of every tier asked for, even where a fuller one exists (the relevance
   * harness scores the quick tier alone); by default a paper with its full vector needs no quick one.
   */
  public VectorBackfill withEveryTier() {
    this.fullerSuffices = false;
    return this;
  }

  /**
   * Gives papers a static vector first ({@link StaticVectors}), with the model's token table cached in
   * {@code file} (built there on first use).
   */
  public VectorBackfill withStaticTable(java.nio.file.Path file) {
    this.staticTable = file;
    return this;
  }

  /**
   * The tiers the background pass fills in, cheapest first: static then full, or, without a static table
   * (no data directory), quick (title) then full. Not all three: on this 2-core machine the quick pass over
   * the 75k corpus takes a quarter of an hour that the full pass then lacks to end within the hour, while
   * the static vectors already give every paper a vector within 15 minutes and full vectors cut at
   * {@link VectorTier#FULL}'s length come about as fast, ahead of the quick ones' quality (measured: the
   * README's "Vectors for every paper").
   */
  public List<VectorTier> tiers() {
    return java.util.Arrays.stream(VectorTier.values())
        .filter(t -> t != VectorTier.STATIC || staticTable != null)
        .filter(t -> t != VectorTier.TITLE || staticTable == null)
        .toList();
  }

  /** This worker's name in the claims: host, process and a random part. */
  public String worker() {
    return worker;
  }

  /** Vectors this backfill has written since it was made, in any tier. */
  public long embedded() {
    return embeddedTotal.get();
  }

  /** What a run of one tier did. */
  public record Summary(VectorTier tier, int embedded, long alreadyDone, long doneByOthers, double seconds,
      boolean stopped) {
    public double perSecond() {
      return seconds <= 0 ? 0 : embedded / seconds;
    }

    @Override
    public String toString() {
      return String.format("%s vectors: embedded %,d papers in %.1f s (%.1f papers/s), %,d already had one%s%s",
          tier.id(), embedded, seconds, perSecond(), alreadyDone,
          doneByOthers > 0 ? String.format(", %,d done by other workers", doneByOthers) : "",
          stopped ? "; stopped on request (run it again to continue)" : "");
    }
  }

  /** Full-text vectors for every paper in the store. */
  public Summary run(int threads, boolean showProgress) {
    return run(VectorTier.FULL, threads, showProgress, () -> false, id -> true);
  }

  /** Full-text vectors for these papers only (a benchmark's subset, say). */
  public Summary run(List<Paper> candidates, int threads, boolean showProgress) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Paper p : candidates) ids.add(p.id().value());
    return run(VectorTier.FULL, threads, showProgress, () -> false, ids::contains);
  }

  /** Every paper's vector of each tier in turn; stops between batches once {@code stop} says so. */
  public List<Summary> run(List<VectorTier> tiers, int threads, boolean showProgress, BooleanSupplier stop) {
    List<Summary> out = new ArrayList<>();
    for (VectorTier tier : tiers) {
      if (tier == VectorTier.STATIC && staticTable == null) throw Refusal.badInput("the static tier needs a data directory for its table");
      Summary s = run(tier, threads, showProgress, stop, id -> true);
      out.add(s);
      if (s.stopped()) break;
    }
    return out;
  }

  private Summary run(VectorTier tier, int threads, boolean showProgress, BooleanSupplier stop, Predicate<String> only) {
    long started = System.nanoTime();
    VectorBacklog backlog = new VectorBacklog(papers, vectors, model, tier, first, only, fullerSuffices);
    backlog.refresh();
    AtomicLong embedded = new AtomicLong(), byOthers = new AtomicLong();
    long total = backlog.total(), already = backlog.alreadyDone();
    if (backlog.size() == 0) return new Summary(tier, 0, already, 0, 0, false);
    Pool pool = new Pool(tier, backlog, stop, Pacer.NONE, false, embedded, byOthers);
    try (Progress progress = new Progress("embed " + tier.id(), total, () -> already + embedded.get() + byOthers.get(),
        showProgress)) {
      pool.onBatch = n -> {
        synchronized (progress) {
          progress.advance(n);
        }
      };
      pool.runAll(Math.max(1, threads));
    }
    boolean stopped = stop.getAsBoolean() && already + embedded.get() + byOthers.get() < total;
    return new Summary(tier, (int) embedded.get(), already, byOthers.get(), (System.nanoTime() - started) / 1e9, stopped);
  }

  /**
   * Keeps every paper's vectors coming in a long-running process (the web server): static vectors
   * for every paper first (when a table file was given; quick ones instead when not), then full ones,
   * new papers as they arrive. {@code pacer} keeps it to a share of
   * the CPU while pages are being served. Close the result to stop: it returns once the running
   * batches are written.
   */
  public AutoCloseable startInBackground(int threads, Pacer pacer) {
    CountDownLatch stopped = new CountDownLatch(1);
    BooleanSupplier stop = () -> stopped.getCount() == 0;
    List<Thread> threadsRunning = new ArrayList<>();
    AtomicLong embedded = new AtomicLong(), byOthers = new AtomicLong();
    Thread supervisor = Thread.ofPlatform().name("embed-background").start(() -> {
      try {
        // each round: the static (or quick) tier for whatever lacks it, then the full tier, then wait for new papers
        while (!stop.getAsBoolean()) {
          boolean worked;
          try {
            worked = backgroundRound(threads, pacer, stop, embedded, byOthers);
            int failed = failedRounds.getAndSet(0);
            if (failed > 0) LOG.info("background embedding resumed after {} failed rounds", failed);
          } catch (RuntimeException e) {
            // stopping serve while a worker starts its model (which registers a JVM shutdown hook) is a normal stop
            if (stop.getAsBoolean() || "Shutdown in progress".equals(e.getMessage())) {
              LOG.info("background embedding stopped with the server");
              return;
            }
            // a bad day (a full disk, the store away) passes: pause, then take up the backlog again
            int failures = failedRounds.incrementAndGet();
            Duration wait = idleWait.multipliedBy(1L << Math.min(failures - 1, 3));
            String why = DiskFull.refusalFor(e).map(Throwable::getMessage).orElse(null);
            if (why != null) {
              LOG.warn("background embedding paused, trying again in {} s: {}", Refusal.seconds(wait), why);
            } else if (failures == 1) {
              LOG.error("background embedding failed, trying again in {} s: {}", Refusal.seconds(wait), e.getMessage(), e);
            } else {
              LOG.error("background embedding failed {} times in a row, trying again in {} s: {}", failures, Refusal.seconds(wait), e.getMessage());
            }
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            continue;
          }
          if (!worked) stopped.await(idleWait.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    threadsRunning.add(supervisor);
    return () -> {
      stopped.countDown();
      pacer.wake();
      supervisor.join();
    };
  }

  /** Rounds of the background work that failed in a row until now; 0 once one succeeds. */
  public int failedRounds() {
    return failedRounds.get();
  }

  /** One pass over every tier's backlog; false when there was nothing to embed. */
  private boolean backgroundRound(int threads, Pacer pacer, BooleanSupplier stop, AtomicLong embedded, AtomicLong byOthers) {
    boolean worked = false;
    for (VectorTier tier : tiers()) {
      VectorBacklog backlog = new VectorBacklog(papers, vectors, model, tier, first, id -> true, fullerSuffices);
      backlog.refresh();
      if (backlog.size() == 0 || stop.getAsBoolean()) continue;
      worked = true;
      LOG.info("embedding {} {} vectors in the background ({} papers have one)", String.format("%,d", backlog.size()),
          tier.id(), String.format("%,d", backlog.alreadyDone()));
      new Pool(tier, backlog, stop, pacer, true, embedded, byOthers).runAll(Math.max(1, threads));
      if (tier != VectorTier.FULL && !stop.getAsBoolean()) LOG.info("every paper has a {} vector", tier.id());
    }
    return worked;
  }

  /** The worker threads of one tier's run, sharing one backlog. */
  private final class Pool {
    private final VectorTier tier;
    private final VectorBacklog backlog;
    private final BooleanSupplier stop;
    private final Pacer pacer;
    private final boolean background;
    private final AtomicLong embedded;
    private final AtomicLong byOthers;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private long lastRefresh = System.nanoTime();
    /** Batches cut from the current window, in length order. */
    private final java.util.ArrayDeque<List<VectorBacklog.Item>> ready = new java.util.ArrayDeque<>();
    java.util.function.LongConsumer onBatch = n -> {};

    Pool(VectorTier tier, VectorBacklog backlog, BooleanSupplier stop, Pacer pacer, boolean background,
        AtomicLong embedded, AtomicLong byOthers) {
      this.tier = tier;
      this.backlog = backlog;
      this.stop = stop;
      this.pacer = pacer;
      this.background = background;
      this.embedded = embedded;
      this.byOthers = byOthers;
    }

    /** The static tier's table, shared by the pool's threads (it is only read). */
    private StaticVectors table;

    void runAll(int threads) {
      if (tier == VectorTier.STATIC) table = StaticVectors.open(model, staticTable, threads);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int index = t;
        workers.add(Thread.ofPlatform().name("embed-" + tier.id() + "-" + t).start(() -> {
          // in a server, pages come first: the workers take what CPU request threads leave (the Pacer bounds the rest)
          if (background) ThreadNice.lower(ThreadNice.BACKGROUND);
          work(index);
        }));
      }
      try {
        for (Thread t : workers) t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while embedding", e);
      } finally {
        claims.releaseAll(worker);
        if (table != null) table.close();
      }
      if (failure.get() != null) throw failure.get();
    }

    private void work(int index) {
      // the static tier runs no model: its threads share the table
      try (Embedder embedder = tier == VectorTier.STATIC ? null : new Embedder(model, 1)) {
        while (failure.get() == null && !stop.getAsBoolean()) {
          if (!pacer.mayRun(index, stop)) continue;
          List<VectorBacklog.Item> items = next(embedder);
          if (items == null) return;
          if (items.isEmpty()) {
            pacer.rest(Duration.ofMillis(500), stop); // the rest is held by other workers: ask again soon
            continue;
          }
          long t0 = System.nanoTime();
          int n = embed(embedder, items);
          if (n > 0) pacer.ran(index, System.nanoTime() - t0, stop);
        }
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }

    /** The next batch: null when the backlog is done, empty when only other workers' papers remain. */
    private List<VectorBacklog.Item> next(Embedder embedder) {
      synchronized (backlog) {
        if (background && System.nanoTime() - lastRefresh > TimeUnit.SECONDS.toNanos(30)) {
          // papers harvested meanwhile: the newest day comes first, so they go ahead of older ones
          lastRefresh = System.nanoTime();
          backlog.refresh();
        }
        if (ready.isEmpty()) {
          // a window of batches sorted by tokens, so a batch pads little, yet the backlog's order holds;
          // by tokens, not characters: formulas and names take many tokens per character, and sorting
          // 1,000 abstracts by characters ran 15 % more tokens through the model than their own
          int size = embedder == null ? STATIC_BATCH : batch;
          List<VectorBacklog.Item> window = backlog.take(size * WINDOW, clock.millis());
          // a static vector costs the same whatever its batch: only model runs are sorted by tokens
          Map<String, Integer> tokens = embedder == null ? Map.of() : tokenCounts(embedder, window);
          window.sort(Comparator.comparing((VectorBacklog.Item i) -> i.rank() == Integer.MAX_VALUE)
              .thenComparingInt(i -> tokens.getOrDefault(i.paperId(), 0)));
          for (int i = 0; i < window.size(); i += size) ready.add(window.subList(i, Math.min(window.size(), i + size)));
        }
        if (!ready.isEmpty()) return ready.poll();
        return backlog.waitingOnOthers() ? List.of() : null;
      }
    }

    /** How many tokens each paper's text is after this tier's cut. */
    private Map<String, Integer> tokenCounts(Embedder embedder, List<VectorBacklog.Item> items) {
      List<Paper> found = papers.findAll(items.stream().map(i -> new ArxivId(i.paperId())).toList());
      int[] counts = embedder.tokenCounts(found.stream().map(EmbeddingStore::textOf).toList());
      int cut = cutOf(tier);
      Map<String, Integer> out = new HashMap<>();
      for (int i = 0; i < counts.length; i++) out.put(found.get(i).id().value(), Math.min(cut, counts[i]));
      return out;
    }

    /** Claims, embeds and writes one batch; returns how many vectors were written. */
    private int embed(Embedder embedder, List<VectorBacklog.Item> items) {
      Map<String, Paper> byId = new HashMap<>();
      for (Paper p : papers.findAll(items.stream().map(i -> new ArxivId(i.paperId())).toList())) byId.put(p.id().value(), p);
      List<VectorClaims.Candidate> candidates = new ArrayList<>();
      for (VectorBacklog.Item i : items) {
        Paper p = byId.get(i.paperId());
        if (p != null) candidates.add(new VectorClaims.Candidate(i.paperId(), EmbeddingStore.textHash(p)));
      }
      VectorClaims.Outcome outcome = claims.claim(model, tier, candidates, worker, lease, fullerSuffices);
      byOthers.addAndGet(outcome.done().size());
      if (!outcome.heldByOthers().isEmpty()) {
        java.util.Set<String> held = new java.util.HashSet<>(outcome.heldByOthers());
        synchronized (backlog) {
          backlog.defer(items.stream().filter(i -> held.contains(i.paperId())).toList(), clock.millis() + 2_000);
        }
      }
      List<Paper> batchPapers = outcome.won().stream().map(byId::get).toList();
      int written = 0;
      if (!batchPapers.isEmpty()) {
        List<String> texts = batchPapers.stream().map(EmbeddingStore::textOf).toList();
        float[][] v = embedder == null ? table.embed(texts) : embedder.embed(texts, cutOf(tier));
        written = vectors.putClaimed(model, tier, worker, batchPapers, v);
        embedded.addAndGet(written);
        embeddedTotal.addAndGet(written);
      }
      onBatch.accept(written + outcome.done().size());
      return written;
    }
  }

  private static String workerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
  }
}
