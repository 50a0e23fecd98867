package org.paperboy.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.StoredPaper;
import org.paperboy.support.Progress;

/**
 * Fills in missing vectors. Texts are sorted by length so a batch pads little, and each worker thread
 * runs its own single-threaded model session: on two cores that beat one session with two threads
 * (ONNX Runtime's intra-op threads wait on each other for small batches). Every batch commits on its
 * own, so a killed run resumes where it stopped.
 */
public final class VectorBackfill {
  /** Small enough that a kill loses little, large enough to amortise a model run. */
  static final int BATCH = 16;

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final EmbeddingModel model;

  public VectorBackfill(PaperStore papers, EmbeddingStore vectors, EmbeddingModel model) {
    this.papers = papers;
    this.vectors = vectors;
    this.model = model;
  }

  /** What a run did: papers embedded now, papers that already had a current vector, wall seconds. */
  public record Summary(int embedded, int alreadyDone, double seconds) {
    public double perSecond() {
      return seconds <= 0 ? 0 : embedded / seconds;
    }

    @Override
    public String toString() {
      return String.format("embedded %,d papers in %.1f s (%.1f papers/s), %,d already had a vector",
          embedded, seconds, perSecond(), alreadyDone);
    }
  }

  /** Every paper in the store. */
  public Summary run(int threads, boolean showProgress) {
    List<Paper> all = new ArrayList<>();
    long seq = 0;
    String id = "";
    List<StoredPaper> page;
    while (!(page = papers.changedAfter(seq, id, 5_000)).isEmpty()) {
      for (StoredPaper sp : page) all.add(sp.paper());
      seq = page.getLast().changeSeq();
      id = page.getLast().paper().id().value();
    }
    return run(all, threads, showProgress);
  }

  /** Only these papers (a benchmark's subset, say). */
  public Summary run(List<Paper> candidates, int threads, boolean showProgress) {
    long started = System.nanoTime();
    Map<String, String> have = vectors.hashes(model);
    List<Paper> missing = new ArrayList<>();
    for (Paper p : candidates) {
      if (!EmbeddingStore.textHash(p).equals(have.get(p.id().value()))) missing.add(p);
    }
    int already = candidates.size() - missing.size();
    if (missing.isEmpty()) return new Summary(0, already, 0);
    missing.sort(Comparator.comparingInt(p -> p.title().length() + p.abstractText().length()));

    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    try (Progress progress = new Progress("embed " + model.id(), missing.size(), next::get, showProgress)) {
      Runnable worker = () -> {
        try (Embedder embedder = new Embedder(model, 1)) {
          int from;
          while (failure.get() == null && (from = next.getAndAdd(BATCH)) < missing.size()) {
            List<Paper> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<String> texts = new ArrayList<>(batch.size());
            for (Paper p : batch) texts.add(EmbeddingStore.textOf(p));
            vectors.put(model, batch, embedder.embed(texts));
            synchronized (progress) {
              progress.advance(batch.size());
            }
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      };
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < Math.max(1, threads); t++) workers.add(Thread.ofPlatform().name("embed-" + t).start(worker));
      for (Thread t : workers) t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    }
    if (failure.get() != null) throw failure.get();
    return new Summary(missing.size(), already, (System.nanoTime() - started) / 1e9);
  }
}
