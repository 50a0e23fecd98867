package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.paperboy.search.Fusion.Candidates;
import org.paperboy.search.Fusion.Ranked;

class FusionTest {
  private static List<Integer> docs(List<Ranked> ranked) {
    return ranked.stream().map(Ranked::doc).toList();
  }

  @Test
  void withNoVectorAmongTheKeywordHitsTheSemanticListWeighsNothing() {
    List<Ranked> keyword = List.of(new Ranked(1, 9), new Ranked(2, 5), new Ranked(3, 1));
    List<Ranked> semantic = List.of(new Ranked(7, 0.9), new Ranked(8, 0.8));
    Candidates c = new Candidates(keyword, semantic, Map.of());
    assertThat(Fusion.DEFAULT.effectiveWeight(c)).isZero();
    assertThat(docs(Fusion.DEFAULT.fuse(c)).subList(0, 2)).containsExactly(1, 2);
  }

  @Test
  void aPaperWithoutAVectorCompetesOnItsKeywordScore() {
    // the best keyword hit has no vector; every other candidate has one and is close in meaning
    List<Ranked> keyword = List.of(new Ranked(1, 9), new Ranked(2, 8), new Ranked(3, 2));
    List<Ranked> semantic = List.of(new Ranked(2, 0.95), new Ranked(3, 0.94), new Ranked(9, 0.93));
    Candidates c = new Candidates(keyword, semantic, Map.of(2, 0.95, 3, 0.94));
    assertThat(docs(Fusion.DEFAULT.fuse(c)).getFirst()).isEqualTo(1);
  }

  @Test
  void withEveryVectorMeaningCanLiftAWeakerKeywordHit() {
    List<Ranked> keyword = List.of(new Ranked(1, 9), new Ranked(2, 8), new Ranked(3, 2));
    List<Ranked> semantic = List.of(new Ranked(2, 0.95), new Ranked(3, 0.90), new Ranked(1, 0.60));
    Candidates c = new Candidates(keyword, semantic, Map.of(1, 0.60, 2, 0.95, 3, 0.90));
    assertThat(Fusion.DEFAULT.effectiveWeight(c)).isEqualTo(0.6);
    assertThat(docs(Fusion.DEFAULT.fuse(c)).getFirst()).isEqualTo(2);
  }

  @Test
  void aStaticVectorCountsOnlyItsTrustedShare() {
    // the same candidates as above, but every vector a static one
    List<Ranked> keyword = List.of(new Ranked(1, 9), new Ranked(2, 8), new Ranked(3, 2));
    List<Ranked> semantic = List.of(new Ranked(2, 0.95), new Ranked(3, 0.90), new Ranked(1, 0.60));
    Candidates c = new Candidates(keyword, semantic, Map.of(1, 0.60, 2, 0.95, 3, 0.90), java.util.Set.of(1, 2, 3));
    for (Fusion.Kind kind : Fusion.Kind.values()) {
      assertThat(docs(new Fusion(kind, 0.6, 60, 0).fuse(c))).as("untrusted: ranked as by words, " + kind).containsExactly(1, 2, 3);
      assertThat(docs(new Fusion(kind, 0.6, 60, 1).fuse(c)).getFirst()).as("fully trusted: as a model's vector, " + kind).isEqualTo(2);
    }
  }

  @Test
  void theBestKeywordHitWithoutAVectorIsNeverOutrankedWhateverTheOthersAre() {
    Random random = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(40);
      List<Ranked> keyword = new ArrayList<>();
      double score = 20;
      for (int d = 0; d < n; d++) keyword.add(new Ranked(d, score -= random.nextDouble() * 2));
      Map<Integer, Double> similarity = new HashMap<>();
      List<Ranked> semantic = new ArrayList<>();
      for (int d = 1; d < n; d++) {
        if (random.nextBoolean()) similarity.put(d, 0.5 + random.nextDouble() / 2);
      }
      for (int d = 100; d < 100 + random.nextInt(30); d++) semantic.add(new Ranked(d, 0.5 + random.nextDouble() / 2));
      similarity.forEach((d, s) -> semantic.add(new Ranked(d, s)));
      semantic.sort((a, b) -> Double.compare(b.score(), a.score()));
      for (Fusion f : List.of(Fusion.DEFAULT, new Fusion(Fusion.Kind.RRF, 1.0, 60))) {
        List<Ranked> fused = f.fuse(new Candidates(keyword, semantic, similarity));
        assertThat(fused.getFirst().score()).as("round %d, %s", round, f.kind()).isGreaterThanOrEqualTo(
            fused.stream().filter(r -> r.doc() == 0).findFirst().orElseThrow().score());
        assertThat(fused.stream().filter(r -> r.doc() == 0).findFirst().orElseThrow().score())
            .as("round %d, %s: the top keyword hit without a vector is first", round, f.kind())
            .isEqualTo(fused.getFirst().score());
      }
    }
  }
}
