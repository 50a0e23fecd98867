package org.paperboy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.db.Database;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;
import org.paperboy.personal.CandidatePool;
import org.paperboy.personal.ForYouRanking;
import org.paperboy.personal.ForYouRanking.Weights;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorBackfill;
import org.paperboy.support.Progress;
import org.paperboy.cli.GlobalOptions;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = {"Scores the personal ranking (For you) and two baselines on the recommend set: recall@20 and"
        + " nDCG@20 per method.",
        "The corpus and its vectors are kept in DATA/cache/recommend.db, so only the first run embeds."})
public final class EvalRecommendCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--dir", defaultValue = "../shared/data/recommend",
      description = "The set: corpus.jsonl.gz and users.jsonl.%nDefault: ${DEFAULT-VALUE}")
  Path dir;

  @Option(names = "--month", defaultValue = "2026-05", description = "Candidates: papers updated in this month"
      + " (default: ${DEFAULT-VALUE}).")
  String month;

  @Option(names = "--embed", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Embed the papers that lack a vector first (default: true; --no-embed ranks those by words).")
  boolean embed;

  @Option(names = "--threads", defaultValue = "2", description = "Embedding threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--try", paramLabel = "W,M,C,P[,PAIRS[,IDF[,CENTRAL[,COMMENTS[,MP[,PHRASES]]]]]]",
      description = "Also score For you with these weights: words,meaning,categories,power (repeatable);"
          + " then optionally whether word pairs are terms (true/false), the idf power, the weight against"
          + " central papers, whether the comments line is read (true/false), the meaning's own power"
          + " (default: the same as words'; Infinity: the nearest kept paper) and the weight of shared phrases"
          + " (default: For you's).")
  List<String> variants = new ArrayList<>();

  @Override
  public Integer call() {
    Path corpus = dir.resolve("corpus.jsonl.gz"), users = dir.resolve("users.jsonl");
    for (Path f : List.of(corpus, users)) {
      if (!Files.isReadable(f)) throw Refusal.badInput("--dir: cannot read " + f);
    }
    YearMonth candidateMonth;
    try {
      candidateMonth = YearMonth.parse(month);
    } catch (java.time.format.DateTimeParseException e) {
      throw Refusal.badInput("--month: expected YYYY-MM, got '" + month + "'");
    }
    List<Variant> tries = new ArrayList<>();
    for (String v : variants) tries.add(parseWeights(v));
    EmbeddingModel model = EmbeddingModel.fromEnvironment();
    Path cache = global.config().dataDir().resolve("cache").resolve("recommend.db");
    try (Database db = Database.open("jdbc:sqlite:" + cache)) {
      PaperStore store = new PaperStore(db);
      EmbeddingStore vectors = new EmbeddingStore(db);
      new SnapshotImporter(store).importFile(corpus, false, Progress.onTerminal(), r -> {
        throw Refusal.badInput("--dir: " + r);
      });
      if (embed) new VectorBackfill(store, vectors, model).run(threads, Progress.onTerminal());
      RecommendEvaluation eval = RecommendEvaluation.load(users, store, vectors, model, candidateMonth);
      System.err.printf("%,d candidates, %,d with a %s vector%n", eval.candidates(), eval.candidatesWithVectors(),
          model.id());
      var production = eval.score("for-you", new ForYouRanking(Weights.DEFAULT), true, PRODUCTION);
      var before = eval.score("for-you-before", new ForYouRanking(Weights.BEFORE), true, PRODUCTION);
      print(production);
      print(eval.score("tfidf-centroid", new ForYouRanking(new Weights(1, 0, 0, 1, 0, 0, 0)), false, SINGLE_WORDS));
      print(eval.score("embedding-centroid", new ForYouRanking(new Weights(0, 1, 0, 1, 0, 0, 0)), true, SINGLE_WORDS));
      print(before);
      System.out.println(production.halvesLine());
      System.out.println(before.halvesLine());
      for (int i = 0; i < tries.size(); i++) {
        RecommendEvaluation.Score s = eval.score("try(" + variants.get(i) + ")", new ForYouRanking(tries.get(i).weights()),
            true, tries.get(i).text());
        print(s);
        System.out.println(s.halvesLine());
      }
    }
    return 0;
  }

  private static void print(RecommendEvaluation.Score s) {
    System.out.println(s.line());
    System.out.flush();
  }

  /** The classic baseline: single words, plain idf, title and abstract. */
  private static final RecommendEvaluation.Text SINGLE_WORDS =
      new RecommendEvaluation.Text(new CandidatePool.Terms(false, 1), false);
  private static final RecommendEvaluation.Text PRODUCTION = new RecommendEvaluation.Text(CandidatePool.Terms.DEFAULT, true);

  private record Variant(Weights weights, RecommendEvaluation.Text text) {}

  private static Variant parseWeights(String text) {
    String[] p = text.split(",");
    try {
      if (p.length < 4 || p.length > 10) throw new NumberFormatException();
      double central = p.length < 7 ? Weights.DEFAULT.central() : Double.parseDouble(p[6]);
      Weights w = new Weights(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
          Double.parseDouble(p[3]), Weights.DEFAULT.dismissed(), Weights.DEFAULT.followed(), central,
          p.length < 9 ? Double.parseDouble(p[3]) : Double.parseDouble(p[8]),
          p.length < 10 ? Weights.DEFAULT.phrases() : Double.parseDouble(p[9]), Weights.DEFAULT.authors());
      boolean pairs = p.length < 5 || Boolean.parseBoolean(p[4]);
      double idfPower = p.length < 6 ? CandidatePool.Terms.DEFAULT.idfPower() : Double.parseDouble(p[5]);
      boolean comments = p.length < 8 || Boolean.parseBoolean(p[7]);
      return new Variant(w, new RecommendEvaluation.Text(new CandidatePool.Terms(pairs, idfPower), comments));
    } catch (NumberFormatException e) {
      throw Refusal.badInput("--try: expected words,meaning,categories,power[,pairs[,idf-power[,central[,comments"
          + "[,meaning-power[,phrases]]]]]], got '"
          + text + "'");
    }
  }
}
