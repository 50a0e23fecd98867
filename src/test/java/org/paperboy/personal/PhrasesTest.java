package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Shared phrases: five words in a row, in order, whatever their case and punctuation; and what they do to the ranking. */
class PhrasesTest {
  private static final String KEPT = "In this work we propose sparse mixture of experts routing for streaming speech.";

  @Test
  void aRunOfFiveWordsMatchesOnlyInOrder() {
    Phrases phrases = new Phrases(List.of(
        "We propose Sparse Mixture-of-Experts routing, and study it on speech.",
        "Routing experts of mixture sparse: we propose it for speech, in this work.",
        "Graph neural networks for molecules."));
    float[] sim = new float[3];
    phrases.index().similarities(phrases.vectorOf("kept", KEPT), sim);
    assertThat(sim[0]).as("the same run of words, case and hyphens aside").isPositive();
    assertThat(sim[1]).as("the same words in another order").isZero();
    assertThat(sim[2]).isZero();
    assertThat(Phrases.hashes("four words only here")).isEmpty();
    assertThat(Phrases.hashes("one two three four five six")).hasSize(2);
  }

  @Test
  void aTextSharingEveryPhraseWithACandidateIsThatCandidate() {
    Phrases phrases = new Phrases(List.of(KEPT, "we propose sparse mixture of experts routing", "nothing alike at all here"));
    float[] sim = new float[3];
    phrases.index().similarities(phrases.vectorOf("a", KEPT), sim);
    assertThat(sim[0]).as("a paper and itself").isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
    assertThat(sim[1]).isPositive().isLessThan(1f);
    assertThat(sim[2]).isZero();
  }

  @Test
  void aCandidateRepeatingAKeptPhraseGainsOnOneWithTheSameWordsReordered() {
    Random random = new Random(3);
    String[] words = {"model", "graph", "learning", "data", "network", "vision", "language", "robot", "policy",
        "quantum", "circuit", "protein", "image", "audio", "token", "reward", "noise", "kernel", "tensor", "sensor"};
    List<CandidatePool.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 30; w++) text.append(words[random.nextInt(words.length)]).append(' ');
      candidates.add(new CandidatePool.Candidate("f" + i, "filler " + i, text.toString(), List.of("cs.LG"), null));
    }
    candidates.add(new CandidatePool.Candidate("inOrder", "in order",
        "sparse mixture of experts routing for streaming speech recognition", List.of("cs.LG"), null));
    candidates.add(new CandidatePool.Candidate("reordered", "reordered",
        "routing experts sparse of mixture streaming for recognition speech", List.of("cs.LG"), null));
    CandidatePool pool = CandidatePool.of(candidates);
    List<ForYouRanking.Kept> kept = List.of(new ForYouRanking.Kept("k", "kept", KEPT, List.of("cs.LG"), null, 1, "in your list"));
    ForYouRanking.Weights without = ForYouRanking.Weights.BEFORE;
    ForYouRanking.Weights with = new ForYouRanking.Weights(without.words(), without.meaning(), without.categories(),
        without.power(), without.dismissed(), without.followed(), without.central(), without.meaningPower(), 0.5, without.authors());
    assertThat(lead(with, pool, kept)).isGreaterThan(lead(without, pool, kept) + 0.1);
  }

  /** How far the candidate with the kept paper's phrase scores above the one with its words reordered. */
  private static double lead(ForYouRanking.Weights weights, CandidatePool pool, List<ForYouRanking.Kept> kept) {
    Map<String, Double> score = new java.util.HashMap<>();
    new ForYouRanking(weights).rank(pool, KeptAuthors.Index.EMPTY, kept, List.of(), Map.of(), List.of(), pool.size())
        .forEach(p -> score.put(p.id(), p.score()));
    return score.get("inOrder") - score.get("reordered");
  }
}
