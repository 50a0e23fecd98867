package org.paperboy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.personal.ForYou;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;

/**
 * {@code bench for-you}: a store with the recommend set's papers (and their vectors, when the
 * evaluation's cache has them), N members with S saves each, then For you pages, interleaved in one
 * run so that both see the same load: a member's first page, the page after a save (their profile
 * updated by one paper), the page after a save with the member's state dropped first (ranked from
 * scratch, as every page after a save was before profiles), and the pages after it (a cached slice).
 */
public final class ForYouBench {
  /** Per-page latencies, in milliseconds. */
  public record Figures(int members, int saves, int candidates, int candidatesWithVectors, double setupSeconds,
      Timings first, Timings afterSave, Timings fromScratch, Timings cached) {
    public String lines() {
      return String.format(java.util.Locale.ROOT,
          "setup: %,d members × %,d saves, %,d candidates (%,d with vectors) in %.1f s%n", members, saves, candidates,
          candidatesWithVectors, setupSeconds)
          + line("a member's first page (saves read and analysed)", first)
          + line("page after a save, profile updated (now)", afterSave)
          + line("page after a save, ranked from scratch (before)", fromScratch)
          + line("next pages (ranking cached)", cached).stripTrailing();
    }

    private static String line(String what, Timings t) {
      return String.format(java.util.Locale.ROOT,
          "%-50s p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  (CPU p50 %6.2f ms, p99 %7.2f ms)  over %,d pages%n",
          what + ":", pct(t.wallMs(), 50), pct(t.wallMs(), 99), pct(t.wallMs(), 100), pct(t.cpuMs(), 50),
          pct(t.cpuMs(), 99), t.wallMs().length);
    }
  }

  /**
   * Wall-clock and CPU time of each page, in milliseconds: on a loaded machine the wall clock mostly
   * measures waiting for a core, while the thread's CPU time is what the page itself costs.
   */
  public record Timings(double[] wallMs, double[] cpuMs) {
    static Timings of(int n) {
      return new Timings(new double[n], new double[n]);
    }

    void time(int i, Runnable page) {
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long c = threads.getCurrentThreadCpuTime(), s = System.nanoTime();
      page.run();
      wallMs[i] = (System.nanoTime() - s) / 1e6;
      cpuMs[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
    }
  }

  private ForYouBench() {}

  /**
   * @param corpus the recommend set's corpus.jsonl.gz
   * @param vectorCache the evaluation's store (DATA/cache/recommend.db), whose vectors are copied when present
   * @param pages how many members open their page after a save
   */
  public static Figures run(Path corpus, Path vectorCache, int members, int saves, int pages, long seed) throws Exception {
    Path dir = Files.createTempDirectory("paperboy-bench-foryou-");
    try (Paperboy app = Paperboy.open(new Config(dir, null))) {
      long t0 = System.nanoTime();
      app.snapshotImporter().importFile(corpus, false, false, r -> {});
      EmbeddingModel model = app.search().model();
      copyVectors(app, vectorCache, model);
      List<String> ids = new ArrayList<>();
      app.papers().changedAfter(0, "", Integer.MAX_VALUE).forEach(sp -> ids.add(sp.paper().id().value()));
      long[] accounts = insertMembers(app.database(), ids, members, saves, new Random(seed));
      double setup = (System.nanoTime() - t0) / 1e9;

      ForYou forYou = app.forYou();
      forYou.feed(accounts[0], 0, 20); // builds the shared window
      Random random = new Random(seed + 1);
      Timings first = Timings.of(pages), afterSave = Timings.of(pages), fromScratch = Timings.of(pages),
          cached = Timings.of(pages * 5);
      for (int i = 0; i < pages; i++) {
        long account = accounts[(int) ((long) i * accounts.length / pages % accounts.length)];
        long list = app.collections().readingList(account).id();
        first.time(i, () -> forYou.feed(account, 0, 20));
        app.collections().save(account, list, new ArxivId(ids.get(random.nextInt(ids.size()))));
        afterSave.time(i, () -> forYou.feed(account, 0, 20));
        app.collections().save(account, list, new ArxivId(ids.get(random.nextInt(ids.size()))));
        forYou.forget(account);
        fromScratch.time(i, () -> forYou.feed(account, 0, 20));
        for (int p = 0; p < 5; p++) {
          int page = p;
          cached.time(i * 5 + p, () -> forYou.feed(account, 20 * page, 20));
        }
      }
      int[] candidates = forYou.candidates();
      return new Figures(members, saves, candidates[0], candidates[1], setup, first, afterSave, fromScratch, cached);
    } finally {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }

  private static void copyVectors(Paperboy app, Path vectorCache, EmbeddingModel model) {
    if (!Files.exists(vectorCache)) return;
    try (Database cache = Database.open("jdbc:sqlite:" + vectorCache)) {
      EmbeddingStore from = new EmbeddingStore(cache), to = new EmbeddingStore(app.database());
      List<String> ids = new ArrayList<>();
      app.papers().changedAfter(0, "", Integer.MAX_VALUE).forEach(sp -> ids.add(sp.paper().id().value()));
      for (int i = 0; i < ids.size(); i += 2_000) {
        var found = from.find(model, ids.subList(i, Math.min(ids.size(), i + 2_000)));
        List<Paper> ps = app.papers().findAll(found.keySet().stream().map(ArxivId::new).toList());
        float[][] vs = new float[ps.size()][];
        for (int k = 0; k < ps.size(); k++) vs[k] = found.get(ps.get(k).id().value()).vector();
        to.put(model, ps, vs);
      }
    }
  }

  /** Members with a Reading list of {@code saves} random papers each, written in bulk. */
  private static long[] insertMembers(Database db, List<String> ids, int members, int saves, Random random) {
    long[] accounts = new long[members];
    db.jdbi().useTransaction(h -> {
      var collectionRows = h.prepareBatch("INSERT INTO collection_papers (collection_id, paper_id, added_at)"
          + " VALUES (?, ?, ?) ON CONFLICT (collection_id, paper_id) DO NOTHING");
      for (int m = 0; m < members; m++) {
        long account = h.createQuery("INSERT INTO accounts (email, display_name, role, sessions_valid_after, created_at)"
            + " VALUES (:e, :n, 'member', 0, '2026-05-01T00:00:00Z') RETURNING id")
            .bind("e", "member" + m + "@bench.invalid").bind("n", "member" + m).mapTo(Long.class).one();
        accounts[m] = account;
        long list = h.createQuery("INSERT INTO collections (account_id, name, is_default, is_public, created_at)"
            + " VALUES (:a, 'Reading list', 1, 0, '2026-05-01T00:00:00Z') RETURNING id").bind("a", account)
            .mapTo(Long.class).one();
        for (int s = 0; s < saves; s++) {
          collectionRows.add(list, ids.get(random.nextInt(ids.size())), String.format("2026-05-01T00:%02d:%02dZ", s / 60 % 60, s % 60));
        }
      }
      collectionRows.execute();
    });
    return accounts;
  }

  static double pct(double[] xs, double p) {
    if (xs.length == 0) return 0;
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1 < 0 ? 0 : (int) Math.ceil(p / 100 * s.length) - 1)];
  }
}
