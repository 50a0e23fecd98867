package org.paperboy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.personal.CandidatePool;
import org.paperboy.personal.ForYouRanking;
import org.paperboy.personal.KeptAuthors;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;

/**
 * The offline evaluation of personal rankings on {@code ../shared/data/recommend}: each user's liked
 * papers are what they kept; the ranking orders the month's candidates; their own later papers are
 * the relevant ones. Reads papers and vectors from a store the caller filled (the corpus imported,
 * vectors embedded), so the production code path — {@link CandidatePool} and {@link ForYouRanking} —
 * is what is measured.
 */
public final class RecommendEvaluation {
  public static final int K = 20;

  /** One user of the set. */
  public record User(String name, List<String> liked, Set<String> relevant) {}

  /** A method's averages over all users, and over the test half (the odd users; weights are tuned on the even ones). */
  public record Score(String method, double recall, double ndcg, int users, double testRecall, double testNdcg,
      int testUsers) {
    public String line() {
      return String.format(Locale.ROOT, "method=%s recall@%d=%.3f ndcg@%d=%.3f users=%d", method, K, recall, K, ndcg,
          users);
    }

    /** The held-out half (odd users), and the half the weights were chosen on (even users). */
    public String halvesLine() {
      int dev = users - testUsers;
      return String.format(Locale.ROOT,
          "method=%s recall@%d=%.3f ndcg@%d=%.3f users=%d (held out: odd users; the even ones, tuned on: %.3f / %.3f)",
          method, K, testRecall, K, testNdcg, testUsers, (recall * users - testRecall * testUsers) / dev,
          (ndcg * users - testNdcg * testUsers) / dev);
    }
  }

  /**
   * Which text the words come from.
   *
   * @param comments whether arXiv's comments line is read too ({@link CandidatePool#textOf}); false reads
   *     title and abstract only, as the ranking did before
   */
  public record Text(CandidatePool.Terms terms, boolean comments) {}

  private final List<User> users;
  private final Map<String, Paper> papers;
  private final Map<String, float[]> vectors;
  private final List<CandidatePool.Candidate> candidates;
  private final Map<Text, CandidatePool> pools = new HashMap<>();
  /**
   * The candidates by author name. The set blanks the candidates' authors, so the lift for kept papers'
   * authors finds none here: it runs as the site runs it, and cannot be measured (with names, a user's own
   * papers would be trivial to find).
   */
  private final KeptAuthors.Index authors;

  private RecommendEvaluation(List<User> users, Map<String, Paper> papers, Map<String, float[]> vectors,
      List<CandidatePool.Candidate> candidates) {
    this.users = users;
    this.papers = papers;
    this.vectors = vectors;
    this.candidates = candidates;
    this.authors = KeptAuthors.Index.of(candidates.stream().map(c -> papers.get(c.id())).toList());
  }

  private CandidatePool pool(Text text) {
    return pools.computeIfAbsent(text, t -> CandidatePool.of(t.comments() ? candidates
        : candidates.stream().map(c -> new CandidatePool.Candidate(c.id(), c.title(), withoutComments(papers.get(c.id())),
            c.categories(), c.vector())).toList(), t.terms()));
  }

  private static String withoutComments(Paper p) {
    return p.title() + "\n" + p.abstractText();
  }

  /**
   * @param candidateMonth the month whose papers (by last update, as the set's README says) are the candidates
   * @param model the embeddings to use; papers without one are ranked by words alone
   */
  public static RecommendEvaluation load(Path usersFile, PaperStore store, EmbeddingStore embeddings,
      EmbeddingModel model, YearMonth candidateMonth) {
    List<User> users = readUsers(usersFile);
    Map<String, Paper> papers = new HashMap<>();
    store.changedAfter(0, "", Integer.MAX_VALUE).forEach(sp -> papers.put(sp.paper().id().value(), sp.paper()));
    Map<String, float[]> vectors = new HashMap<>();
    embeddings.find(model, papers.keySet()).forEach((id, v) -> vectors.put(id, v.vector()));
    List<CandidatePool.Candidate> candidates = new ArrayList<>();
    for (Paper p : papers.values()) {
      if (p.lastUpdated() != null && YearMonth.from(p.lastUpdated()).equals(candidateMonth)) {
        candidates.add(candidate(p, vectors.get(p.id().value())));
      }
    }
    candidates.sort(java.util.Comparator.comparing(CandidatePool.Candidate::id));
    return new RecommendEvaluation(users, papers, vectors, candidates);
  }

  static CandidatePool.Candidate candidate(Paper p, float[] vector) {
    return CandidatePool.Candidate.of(p, vector);
  }

  public int candidates() {
    return candidates.size();
  }

  public int candidatesWithVectors() {
    return (int) candidates.stream().filter(c -> c.vector() != null).count();
  }

  /**
   * Scores one ranking over every user.
   *
   * @param useVectors false ranks as if no paper had a vector
   * @param text which text and how words weigh ({@link CandidatePool.Terms#DEFAULT} with comments in production)
   */
  public Score score(String method, ForYouRanking ranking, boolean useVectors, Text text) {
    CandidatePool pool = pool(text);
    double recall = 0, ndcg = 0, testRecall = 0, testNdcg = 0;
    for (int i = 0; i < users.size(); i++) {
      User u = users.get(i);
      List<ForYouRanking.Kept> kept = new ArrayList<>();
      for (String id : u.liked()) {
        Paper p = papers.get(id);
        if (p == null) continue;
        ForYouRanking.Kept k = ForYouRanking.Kept.of(p, useVectors ? vectors.get(id) : null, 1, "in your list");
        kept.add(text.comments() ? k : new ForYouRanking.Kept(k.id(), k.title(), withoutComments(p), k.categories(),
            k.vector(), k.weight(), k.reason()));
      }
      List<String> ranked = ranking.rank(pool, authors, kept, List.of(), Map.of(), List.of(), K).stream()
          .map(ForYouRanking.Pick::id).toList();
      Map<String, Integer> relevant = new HashMap<>();
      u.relevant().forEach(r -> relevant.put(r, 1));
      double r = Metrics.recall(ranked, relevant, K), n = Metrics.ndcg(ranked, relevant, K);
      recall += r;
      ndcg += n;
      if (i % 2 == 1) {
        testRecall += r;
        testNdcg += n;
      }
    }
    int test = users.size() / 2;
    return new Score(method, recall / users.size(), ndcg / users.size(), users.size(), testRecall / Math.max(1, test),
        testNdcg / Math.max(1, test), test);
  }

  private static List<User> readUsers(Path file) {
    ObjectMapper json = new ObjectMapper();
    List<User> users = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) continue;
        JsonNode n = json.readTree(line);
        List<String> liked = new ArrayList<>();
        n.path("liked").forEach(x -> liked.add(x.asText()));
        Set<String> relevant = new java.util.HashSet<>();
        n.path("relevant").forEach(x -> relevant.add(x.asText()));
        users.add(new User(n.path("user").asText(), liked, relevant));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return users;
  }
}
