package org.paperboy.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.cli.GlobalOptions;
import org.paperboy.db.Database;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.Fusion;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchService;
import org.paperboy.search.UserQuery;
import org.paperboy.search.VectorFormat;
import org.paperboy.search.StaticVectors;
import org.paperboy.search.VectorTier;
import org.paperboy.support.GracefulStop;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = EvalRecommendCommand.class,
    description = {"Scores search on a BEIR-layout relevance set (nDCG@10, Recall@100), one line per mode.",
        "Runs on a throw-away store and index; vectors are cached in DATA/cache/eval-vectors-cutN.db, one file per cut."})
public final class EvalCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--corpus", description = "Corpus JSON lines (_id, title, text), plain or .gz.")
  Path corpus;

  @Option(names = "--queries", description = "Queries JSON lines (_id, text).")
  Path queries;

  @Option(names = "--qrels", description = "Judgments TSV (query-id, corpus-id, score) with a header.")
  Path qrels;

  @Option(names = "--mode", defaultValue = "all", description = "bm25, semantic, hybrid or all (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--model", description = "Embedding model: bge-small-en-v15-q or all-minilm-l6-v2-q (default: the app's).")
  String model;

  @Option(names = "--threads", defaultValue = "2", description = "Embedding threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--fusion", description = "Hybrid fusion to try instead of the default: rrf or scores.")
  String fusion;

  @Option(names = "--semantic-weight", description = "Semantic share in score fusion (0..1) or RRF weight.")
  Double semanticWeight;

  @Option(names = "--static-trust", split = ",",
      description = "How much a static vector's similarity counts in hybrid fusion, 0..1, comma-separated to compare (default: the app's).")
  List<Double> staticTrust;

  @Option(names = "--vector-share", split = ",", defaultValue = "1",
      description = "Share(s) of the corpus given vectors, 0..1, comma-separated: as on an instance still embedding (default: ${DEFAULT-VALUE}).")
  List<Double> vectorShares;

  @Option(names = "--seed", defaultValue = "42", description = "Which papers get vectors when the share is below 1 (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--vector-format", defaultValue = "int7",
      description = "How the index holds vectors: int7 (scalar-quantized, the app's) or float (default: ${DEFAULT-VALUE}).")
  String vectorFormat;

  @Option(names = "--tier", defaultValue = "full",
      description = "Which vectors semantic and hybrid use: title (the quick ones every paper gets first) or full"
          + " (default: ${DEFAULT-VALUE}).")
  String tier;

  @Option(names = "--cut", description = "Cut texts at this many tokens instead of the tier's own (to compare cuts;"
      + " vectors are cached per cut, in DATA/cache/eval-vectors-cutN.db).")
  Integer cut;

  @Option(names = "--boosts", description = "Field boosts to try, title,abstract,authors (e.g. 1.5,1,1).")
  String boosts;

  @Override
  public Integer call() {
    if (corpus == null || queries == null || qrels == null) {
      throw Refusal.badInput("eval needs --corpus, --queries and --qrels (or: eval recommend)");
    }
    for (Path f : List.of(corpus, queries, qrels)) {
      if (!Files.isReadable(f)) throw Refusal.badInput("cannot read " + f);
    }
    List<SearchMode> modes = mode.equalsIgnoreCase("all") ? List.of(SearchMode.values()) : List.of(SearchMode.parse(mode));
    EmbeddingModel m = model == null ? EmbeddingModel.fromEnvironment() : EmbeddingModel.parse(model);
    Fusion f = Fusion.DEFAULT;
    if (fusion != null) f = new Fusion(Fusion.Kind.valueOf(fusion.toUpperCase(java.util.Locale.ROOT)),
        f.kind().name().equalsIgnoreCase(fusion) ? f.semanticWeight() : 1.0, f.rrfK());
    if (semanticWeight != null) f = new Fusion(f.kind(), semanticWeight, f.rrfK());
    List<Double> trusts = staticTrust == null ? List.of(f.staticTrust()) : staticTrust;
    for (double trust : trusts) {
      if (!(trust >= 0 && trust <= 1)) throw Refusal.badInput("--static-trust takes shares between 0 and 1, not " + trust);
    }
    UserQuery.Boosts b = SearchService.Boosts.DEFAULT;
    if (boosts != null) {
      String[] p = boosts.split(",");
      if (p.length != 3) throw Refusal.badInput("--boosts takes three numbers: title,abstract,authors");
      b = new UserQuery.Boosts(Float.parseFloat(p[0]), Float.parseFloat(p[1]), Float.parseFloat(p[2]));
    }
    for (double share : vectorShares) {
      if (!(share >= 0 && share <= 1)) throw Refusal.badInput("--vector-share takes shares between 0 and 1, not " + share);
    }
    VectorFormat format = VectorFormat.parse(vectorFormat);
    VectorTier t;
    try {
      t = VectorTier.parse(tier);
    } catch (Refusal e) {
      throw e.withMessage("--tier: " + e.getMessage());
    }
    if (cut != null && (cut < 2 || t == VectorTier.STATIC)) throw Refusal.badInput("--cut: at least 2 tokens, and not with --tier static");
    BeirSet set = BeirSet.read(corpus, queries, qrels);
    Path cache = global.config().dataDir().resolve("cache");
    // closed last: a stop lets the JVM exit once the running batch is written and the model closed
    try (GracefulStop stop = GracefulStop.listen(Duration.ofMinutes(2));
        Database vectorCache = Database.open("jdbc:sqlite:" + cache.resolve(cacheName(t, m)))) {
      if (format != VectorFormat.DEFAULT) System.out.println("vector-format=" + format.label());
      for (double trust : trusts) for (double share : vectorShares) {
        Evaluation.Setup setup = Evaluation.Setup.of(m).withTier(t).withVectorFormat(format)
            .withTuning(b, new Fusion(f.kind(), f.semanticWeight(), f.rrfK(), trust));
        if (stop.requested()) break;
        List<SearchMode> asked = share == 0 ? modes.stream().filter(x -> x != SearchMode.SEMANTIC).toList() : modes;
        for (Evaluation.Score s : new Evaluation(set, vectorCache, StaticVectors.file(global.config().dataDir(), m)).withCut(cut == null ? 0 : cut).run(asked, setup.withVectorShare(share, seed), threads,
            Progress.onTerminal(), stop::requested)) {
          System.out.println(s.line() + (s.mode() != SearchMode.BM25 ? " tier=" + t.id() + (cut == null ? "" : " cut=" + cut) : "")
              + (t == VectorTier.STATIC && s.mode() == SearchMode.HYBRID ? " static-trust=" + trust : ""));
        }
      }
      if (stop.requested()) System.out.println("stopped on request; vectors embedded so far are kept for the next run");
    }
    return 0;
  }

  /**
   * The cache of this run's vectors: one file per cut, so a vector cached under an earlier cut (the full
   * tier read 512 tokens until 2026-11-30) is never taken for one of this cut.
   */
  private String cacheName(VectorTier t, EmbeddingModel m) {
    if (t == VectorTier.STATIC) return "eval-vectors.db";
    return "eval-vectors-cut" + (cut != null ? Math.min(cut, m.maxTokens()) : t.maxTokens(m)) + ".db";
  }
}
