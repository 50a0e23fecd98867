package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;

/**
 * A member's profile updated save by save ranks exactly as one built from scratch over the same papers:
 * adding, taking out, re-weighing and dismissing, over real papers of the recommend set.
 */
class KeptProfileTest {
  @TempDir static Path dir;
  static CandidatePool pool;
  static List<Paper> others;
  static List<Paper> liked;
  static final ForYouRanking.Weights DEFAULT = ForYouRanking.Weights.DEFAULT;

  /**
   * The production weights, and the other ways of summing: meaning by the nearest kept paper, both by
   * power means, shared phrases weighing as much as words, none.
   */
  static List<ForYouRanking.Weights> weights() {
    return List.of(DEFAULT,
        new ForYouRanking.Weights(1, 0.5, 1, 1, 1, 1.5, 0.4, Double.POSITIVE_INFINITY, 0.1, 1),
        new ForYouRanking.Weights(1, 0.5, 1, 1, 1, 1.5, 0.4, 4, 0.1, 1),
        new ForYouRanking.Weights(1, 0.5, 1, 2, 1, 1.5, 0.4, Double.POSITIVE_INFINITY, 0.1, 1),
        new ForYouRanking.Weights(1, 0.5, 1, 1, 1, 1.5, 0.4, 1, 1, 1),
        ForYouRanking.Weights.BEFORE);
  }

  @BeforeAll
  static void world() throws Exception {
    RecommendSample sample = RecommendSample.of("u0000", 6, dir);
    ObjectMapper json = new ObjectMapper();
    List<CandidatePool.Candidate> candidates = new ArrayList<>();
    others = new ArrayList<>();
    liked = new ArrayList<>();
    Random random = new Random(7);
    for (String line : Files.readAllLines(sample.file())) {
      Paper p = paper(json.readTree(line));
      // a vector for most papers, none for some: both paths of the ranking are taken
      float[] v = random.nextInt(5) == 0 ? null : unit(random, 16);
      if (sample.liked().contains(p.id().value())) liked.add(p);
      else {
        candidates.add(CandidatePool.Candidate.of(p, v));
        others.add(p);
      }
      vectors.put(p.id().value(), v == null ? unit(random, 16) : v);
    }
    pool = CandidatePool.of(candidates);
  }

  static final Map<String, float[]> vectors = new HashMap<>();

  @ParameterizedTest
  @MethodSource("weights")
  void savesUnsavesAndReweighingGiveTheRankingFromScratch(ForYouRanking.Weights weights) {
    ForYouRanking ranking = new ForYouRanking(weights);
    KeptProfile profile = ranking.keptProfile(pool);
    KeptProfile dismissed = ForYouRanking.dismissedProfile(pool);
    List<ForYouRanking.Kept> kept = new ArrayList<>();
    for (Paper p : liked) kept.add(kept(p, 1));
    assertThat(profile.update(kept)).isEqualTo(liked.size());
    assertSameRanking(ranking, profile, dismissed, kept, List.of());
    float most = 0;
    for (float x : profile.phrases()) most = Math.max(most, x);
    if (weights.phrases() != 0) assertThat(most).as("some candidate shares a phrase with the liked papers").isPositive();
    else assertThat(most).as("phrases are not summed when they do not count").isZero();

    kept.add(kept(others.get(3), 1)); // a save
    assertThat(profile.update(kept)).as("one paper added, not a rebuild").isEqualTo(1);
    assertSameRanking(ranking, profile, dismissed, kept, List.of());

    kept.removeFirst(); // an unsave
    assertThat(profile.update(kept)).isEqualTo(1);
    assertSameRanking(ranking, profile, dismissed, kept, List.of());

    kept.set(2, kept(liked.get(3), 0.5)); // a save became an upvote only: out at weight 1, in at ½
    assertThat(profile.update(kept)).isEqualTo(2);
    assertSameRanking(ranking, profile, dismissed, kept, List.of());

    List<ForYouRanking.Kept> gone = new ArrayList<>(List.of(kept(others.get(10), 1), kept(others.get(11), 1)));
    dismissed.update(gone);
    assertSameRanking(ranking, profile, dismissed, kept, gone);
    gone.removeFirst(); // "undo": the nearest-dismissed maximum cannot be taken apart, so it is rebuilt
    dismissed.update(gone);
    assertSameRanking(ranking, profile, dismissed, kept, gone);
    assertThat(ranking.rank(profile, dismissed, Map.of(), Map.of(), List.of(), 500)).extracting(ForYouRanking.Pick::id)
        .doesNotContain(others.get(11).id().value()).contains(others.get(10).id().value());

    assertThat(profile.update(kept)).as("nothing changed").isZero();
    assertThat(profile.update(List.of())).isEqualTo(kept.size());
    assertThat(ranking.rank(profile, dismissed, Map.of(), Map.of(), List.of(), 20)).isEmpty();
  }

  private static void assertSameRanking(ForYouRanking ranking, KeptProfile profile, KeptProfile dismissed,
      List<ForYouRanking.Kept> kept, List<ForYouRanking.Kept> gone) {
    List<ForYouRanking.Pick> incremental = ranking.rank(profile, dismissed, Map.of(), Map.of(), List.of(), 100);
    List<ForYouRanking.Pick> scratch = ranking.rank(pool, KeptAuthors.Index.EMPTY, kept, gone, Map.of(), List.of(), 100);
    assertThat(incremental).hasSameSizeAs(scratch).isNotEmpty();
    for (int i = 0; i < scratch.size(); i++) {
      assertThat(incremental.get(i).score()).as("score of pick %d", i).isCloseTo(scratch.get(i).score(), within(1e-4));
    }
    assertThat(incremental.subList(0, 20)).extracting(ForYouRanking.Pick::why)
        .isEqualTo(scratch.subList(0, 20).stream().map(ForYouRanking.Pick::why).toList());
  }

  private static ForYouRanking.Kept kept(Paper p, double weight) {
    return ForYouRanking.Kept.of(p, vectors.get(p.id().value()), weight, weight == 1 ? "in your Reading list"
        : "which you upvoted");
  }

  private static float[] unit(Random random, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      v[d] = (float) random.nextGaussian();
      norm += v[d] * v[d];
    }
    for (int d = 0; d < dim; d++) v[d] /= (float) Math.sqrt(norm);
    return v;
  }

  private static Paper paper(JsonNode r) {
    List<String> categories = List.of(r.path("categories").asText().split(" "));
    return new Paper(new ArxivId(r.path("id").asText()), 1, r.path("title").asText(), r.path("abstract").asText(), "",
        List.of(), categories, r.path("comments").isNull() ? null : r.path("comments").asText(), null, null, null, null,
        null, List.of(), null, java.time.LocalDate.parse(r.path("update_date").asText()), null);
  }
}
