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

  /** A method's averages. */
  public record Score(String method, double recall, double ndcg, int users) {
    public String line() {
      return String.format(Locale.ROOT, "method=%s recall@%d=%.3f ndcg@%d=%.3f users=%d", method, K, recall, K, ndcg,
          users);
    }
  }

  private final List<User> users;
  private final Map<String, Paper> papers;
  private final Map<String, float[]> vectors;
  private final List<CandidatePool.Candidate> candidates;
  private final Map<CandidatePool.Terms, CandidatePool> pools = new HashMap<>();

  private RecommendEvaluation(List<User> users, Map<String, Paper> papers, Map<String, float[]> vectors,
      List<CandidatePool.Candidate> candidates) {
    this.users = users;
    this.papers = papers;
    this.vectors = vectors;
    this.candidates = candidates;
  }

  private CandidatePool pool(CandidatePool.Terms terms) {
    return pools.computeIfAbsent(terms, t -> CandidatePool.of(candidates, t));
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
    return new CandidatePool.Candidate(p.id().value(), p.title(), p.abstractText(), p.categories(), vector);
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
   * @param terms how words weigh ({@link CandidatePool.Terms#DEFAULT} in production)
   */
  public Score score(String method, ForYouRanking ranking, boolean useVectors, CandidatePool.Terms terms) {
    CandidatePool pool = pool(terms);
    double recall = 0, ndcg = 0;
    for (User u : users) {
      List<ForYouRanking.Kept> kept = new ArrayList<>();
      for (String id : u.liked()) {
        Paper p = papers.get(id);
        if (p == null) continue;
        kept.add(new ForYouRanking.Kept(id, p.title(), p.abstractText(), p.categories(),
            useVectors ? vectors.get(id) : null, 1, "in your list"));
      }
      List<String> ranked = ranking.rank(pool, kept, List.of(), Map.of(), List.of(), K).stream()
          .map(ForYouRanking.Pick::id).toList();
      Map<String, Integer> relevant = new HashMap<>();
      u.relevant().forEach(r -> relevant.put(r, 1));
      recall += Metrics.recall(ranked, relevant, K);
      ndcg += Metrics.ndcg(ranked, relevant, K);
    }
    return new Score(method, recall / users.size(), ndcg / users.size(), users.size());
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
