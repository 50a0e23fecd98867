package org.paperboy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.Fusion;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchService;
import org.paperboy.search.UserQuery;
import org.paperboy.search.VectorBackfill;
import org.paperboy.search.VectorFormat;
import org.paperboy.search.VectorTier;
import org.paperboy.support.Refusal;

/**
 * The relevance harness: loads a BEIR set into a throw-away store and index, runs every query in each
 * mode and scores the rankings. Vectors are kept in a cache database the caller names, so a second
 * run (another fusion weight, say) embeds nothing.
 */
public final class Evaluation {
  private final BeirSet set;
  private final Database vectorCache;
  private final Path staticTable;
  /** Where the model's tiers cut texts; 0: each tier's own cut. */
  private int cut;

  /** Without a cached token table: the static tier cannot be scored. */
  public Evaluation(BeirSet set, Database vectorCache) {
    this(set, vectorCache, null);
  }

  /** @param staticTable where the model's static token vectors are cached (see {@link org.paperboy.search.StaticVectors}) */
  public Evaluation(BeirSet set, Database vectorCache, Path staticTable) {
    this.set = set;
    this.vectorCache = vectorCache;
    this.staticTable = staticTable;
  }

  /**
   * Cuts texts at {@code tokens} instead of the tier's own cut (to compare cuts); the cache named in
   * the constructor must then hold only vectors of that cut.
   */
  public Evaluation withCut(int tokens) {
    this.cut = tokens;
    return this;
  }

  /** One mode's scores, averaged over the judged queries, with the share of the corpus that had vectors. */
  public record Score(SearchMode mode, double vectorShare, double ndcg10, double recall100, int queries) {
    /** The harness's one-line output format; the share is shown when it is not the whole corpus. */
    public String line() {
      String share = vectorShare >= 1 ? "" : String.format(java.util.Locale.ROOT, " vector-share=%.2f", vectorShare);
      return String.format(java.util.Locale.ROOT, "mode=%s%s ndcg@10=%.4f recall@100=%.4f queries=%d",
          mode.label(), share, ndcg10, recall100, queries);
    }
  }

  /**
   * What one evaluation run tries: the model, the tuning, how the index holds vectors, and the share of
   * the corpus that has them, as on an instance still embedding (drawn at random from {@code seed}; a
   * larger share of the same seed holds every paper of a smaller one).
   */
  public record Setup(EmbeddingModel model, VectorTier tier, UserQuery.Boosts boosts, Fusion fusion,
      VectorFormat vectorFormat, double vectorShare, long seed) {
    public Setup {
      if (!(vectorShare >= 0 && vectorShare <= 1)) throw Refusal.badInput("the vector share must be between 0 and 1, not " + vectorShare);
    }

    /** The app's own settings, every paper with a vector. */
    public static Setup of(EmbeddingModel model) {
      return new Setup(model, VectorTier.FULL, SearchService.Boosts.DEFAULT, Fusion.DEFAULT, VectorFormat.DEFAULT, 1, 42);
    }

    public Setup withTuning(UserQuery.Boosts b, Fusion f) {
      return new Setup(model, tier, b, f, vectorFormat, vectorShare, seed);
    }

    public Setup withVectorFormat(VectorFormat v) {
      return new Setup(model, tier, boosts, fusion, v, vectorShare, seed);
    }

    public Setup withVectorShare(double share, long s) {
      return new Setup(model, tier, boosts, fusion, vectorFormat, share, s);
    }

    /** Vectors of one tier only (the quick ones, say, to see what search is worth before the full ones are in). */
    public Setup withTier(VectorTier t) {
      return new Setup(model, t, boosts, fusion, vectorFormat, vectorShare, seed);
    }
  }

  public List<Score> run(List<SearchMode> modes, Setup setup, int threads, boolean showProgress) {
    return run(modes, setup, threads, showProgress, () -> false);
  }

  /** Stops between batches and between queries once {@code stop} says so, returning the modes scored by then. */
  public List<Score> run(List<SearchMode> modes, Setup setup, int threads, boolean showProgress,
      java.util.function.BooleanSupplier stop) {
    EmbeddingModel model = setup.model();
    VectorTier tier = setup.tier();
    double vectorShare = setup.vectorShare();
    Path dir;
    try {
      dir = Files.createTempDirectory("paperboy-eval-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("eval.db"))) {
      PaperStore store = new PaperStore(db);
      Map<String, String> corpusIdOf = new HashMap<>();
      List<Paper> docs = new ArrayList<>(set.corpus().size());
      for (int i = 0; i < set.corpus().size(); i++) {
        BeirSet.Doc d = set.corpus().get(i);
        ArxivId id = syntheticId(i);
        corpusIdOf.put(id.value(), d.id());
        docs.add(new Paper(id, 1, d.title(), d.text(), "", List.of(), List.of("eval"), null, null, null, null, null,
            null, List.of(), null, null, null));
      }
      for (int i = 0; i < docs.size(); i += 2_000) store.upsert(docs.subList(i, Math.min(docs.size(), i + 2_000)));
      EmbeddingStore vectors = new EmbeddingStore(db);
      boolean semantic = modes.stream().anyMatch(m -> m != SearchMode.BM25);
      if (semantic) {
        // the cache holds every tier ever evaluated; this run's store gets only the tier asked for
        EmbeddingStore cache = new EmbeddingStore(vectorCache);
        VectorBackfill backfill = new VectorBackfill(store, cache, model).withEveryTier();
        if (staticTable != null) backfill.withStaticTable(staticTable);
        if (cut > 0) backfill.withCut(cut);
        if (backfill.run(List.of(tier), threads, showProgress, stop).getLast().stopped()) return List.of();
        copyTier(cache, vectors, model, tier, sample(docs, vectorShare, setup.seed()));
      }
      try (SearchService search = new SearchService(store, vectors, dir.resolve("index"), model, setup.boosts(),
          setup.fusion(), setup.vectorFormat())) {
        search.catchUp();
        List<Score> scores = new ArrayList<>();
        for (SearchMode mode : modes) {
          if (stop.getAsBoolean()) break;
          scores.add(score(search, mode, vectorShare, corpusIdOf, stop));
        }
        return scores;
      }
    } finally {
      deleteTree(dir);
    }
  }

  static List<Paper> sample(List<Paper> docs, double share, long seed) {
    List<Paper> shuffled = new ArrayList<>(docs);
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    return shuffled.subList(0, (int) Math.round(share * docs.size()));
  }

  private static void copyTier(EmbeddingStore from, EmbeddingStore to, EmbeddingModel model, VectorTier tier, List<Paper> docs) {
    for (int i = 0; i < docs.size(); i += 500) {
      List<Paper> chunk = docs.subList(i, Math.min(docs.size(), i + 500));
      Map<String, EmbeddingStore.StoredVector> found = from.find(model, tier, chunk.stream().map(p -> p.id().value()).toList());
      List<Paper> with = chunk.stream().filter(p -> found.containsKey(p.id().value())).toList();
      float[][] v = with.stream().map(p -> found.get(p.id().value()).vector()).toArray(float[][]::new);
      to.put(model, tier, with, v);
    }
  }

  private Score score(SearchService search, SearchMode mode, double vectorShare, Map<String, String> corpusIdOf,
      java.util.function.BooleanSupplier stop) {
    double ndcg = 0, recall = 0;
    int n = 0;
    for (Map.Entry<String, Map<String, Integer>> judged : set.qrels().entrySet()) {
      if (stop.getAsBoolean()) break;
      String text = set.queries().get(judged.getKey());
      if (text == null) continue;
      List<String> ranked = new ArrayList<>();
      try {
        for (String id : search.rankIds(text, mode, 100)) ranked.add(corpusIdOf.get(id));
      } catch (Refusal e) {
        // a query of only stop words finds nothing: it scores zero, as it would for a user
      }
      ndcg += Metrics.ndcg(ranked, judged.getValue(), 10);
      recall += Metrics.recall(ranked, judged.getValue(), 100);
      n++;
    }
    return new Score(mode, vectorShare, n == 0 ? 0 : ndcg / n, n == 0 ? 0 : recall / n, n);
  }

  /** Valid arXiv ids, in corpus order, since the store only holds papers: 1501.00001, 1501.00002, … */
  static ArxivId syntheticId(int index) {
    int month = index / 99_999;
    int yy = 15 + month / 12, mm = 1 + month % 12;
    return new ArxivId(String.format("%02d%02d.%05d", yy, mm, index % 99_999 + 1));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temp directory left behind is not worth failing an evaluation for
    }
  }
}
