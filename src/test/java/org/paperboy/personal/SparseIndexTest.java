package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The index both words and phrases are ranked with, on a vocabulary small enough to work out by hand. */
class SparseIndexTest {
  /** Three candidates over terms 0–3: {0, 1}, {1, 2} and {2 twice, 3}. */
  private static final List<SparseIndex.Counts> CANDIDATES = List.of(
      counts(new int[] {0, 1}, new int[] {1, 1}),
      counts(new int[] {1, 2}, new int[] {1, 1}),
      counts(new int[] {2, 3}, new int[] {2, 1}));

  /** Smoothed idf of a term used by df of the 3 candidates, by hand: ln(4 / (df + 1)) + 1. */
  private static double idf(int df) {
    return Math.log(4.0 / (df + 1)) + 1;
  }

  @Test
  void theCosineOfTwoTextsIsTheOneWorkedOutByHand() {
    SparseIndex index = new SparseIndex(CANDIDATES, 4, 1);
    SparseIndex.Vector text = index.weigh(counts(new int[] {0, 1}, new int[] {1, 1}));
    // the text weighs (idf 0, idf 1); candidate 1 weighs terms 1 and 2 alike, so it is (1/√2, 1/√2)
    double expected = idf(2) / Math.hypot(idf(1), idf(2)) / Math.sqrt(2);
    assertThat(SparseIndex.cosine(text, index.candidate(1))).isCloseTo((float) expected, within(1e-6f));
    float[] out = new float[3];
    index.similarities(text, out);
    assertThat(out[1]).as("through the postings as by the merge").isCloseTo((float) expected, within(1e-6f));
    assertThat(out[0]).as("the text is candidate 0").isCloseTo(1f, within(1e-6f));
    assertThat(out[2]).as("no term in common").isZero();
  }

  @Test
  void aTermTwiceWeighsOnePlusLnTwoAndTheIdfPowerFavoursRareTerms() {
    SparseIndex squared = new SparseIndex(CANDIDATES, 4, 2);
    SparseIndex.Vector v = squared.candidate(2);
    double two = (1 + Math.log(2)) * Math.pow(idf(2), 2), three = Math.pow(idf(1), 2);
    assertThat(v.terms()).containsExactly(2, 3);
    assertThat(v.weights()[0]).isCloseTo((float) (two / Math.hypot(two, three)), within(1e-6f));
    assertThat(v.weights()[1]).isCloseTo((float) (three / Math.hypot(two, three)), within(1e-6f));
  }

  @Test
  void aTermNoCandidateUsesLowersTheSimilarityButMatchesNothing() {
    SparseIndex index = new SparseIndex(CANDIDATES, 4, 1);
    SparseIndex.Vector known = index.weigh(counts(new int[] {0, 1}, new int[] {1, 1}));
    SparseIndex.Vector withUnseen = index.weigh(counts(new int[] {0, SparseIndex.UNSEEN, 1}, new int[] {1, 1, 1}));
    assertThat(withUnseen.terms()).as("the unseen term is left out").containsExactly(0, 1);
    float[] a = new float[3], b = new float[3];
    index.similarities(known, a);
    index.similarities(withUnseen, b);
    // an unseen term has df 0: its idf, ln 4 + 1, counts toward the length
    double expected = Math.hypot(idf(1), idf(2)) / Math.sqrt(Math.pow(idf(1), 2) + Math.pow(idf(2), 2) + Math.pow(idf(0), 2));
    assertThat(b[0]).isLessThan(a[0]).isCloseTo((float) expected, within(1e-6f));
    assertThat(index.weigh(counts(new int[] {SparseIndex.UNSEEN}, new int[] {3})).terms()).isEmpty();
  }

  @Test
  void aWeightedSumOfTextsScoresAsTheSumOfTheirSimilarities() {
    SparseIndex index = new SparseIndex(CANDIDATES, 4, 2);
    SparseIndex.Vector a = index.weigh(counts(new int[] {0, 1}, new int[] {1, 1}));
    SparseIndex.Vector b = index.weigh(counts(new int[] {1, 2, 3}, new int[] {2, 1, 1}));
    float[] one = new float[3], two = new float[3], sum = new float[3];
    index.similarities(a, one);
    index.similarities(b, two);
    index.similaritiesOfSum(List.of(a, b), new double[] {1, 0.5}, sum);
    for (int c = 0; c < 3; c++) assertThat(sum[c]).as("candidate %d", c).isCloseTo(one[c] + 0.5f * two[c], within(1e-6f));
    assertThat(sum[2]).isPositive();
  }

  @Test
  void keptVectorsAreWeighedOnceAndTheCacheStaysBounded() {
    SparseIndex index = new SparseIndex(CANDIDATES, 4, 1);
    AtomicInteger weighed = new AtomicInteger();
    SparseIndex.Vector first = index.kept("p", () -> {
      weighed.incrementAndGet();
      return counts(new int[] {0}, new int[] {1});
    });
    assertThat(index.kept("p", () -> {
      weighed.incrementAndGet();
      return SparseIndex.Counts.EMPTY;
    })).isSameAs(first);
    assertThat(weighed).hasValue(1);
    for (int i = 0; i < SparseIndex.KEPT_BOUND + 10; i++) {
      index.kept("paper" + i, () -> SparseIndex.Counts.EMPTY);
      assertThat(index.keptCached()).isLessThanOrEqualTo(SparseIndex.KEPT_BOUND + 1);
    }
    assertThat(index.keptCached()).as("started over once past the bound").isLessThan(20);
  }

  private static SparseIndex.Counts counts(int[] terms, int[] counts) {
    return new SparseIndex.Counts(terms, counts);
  }
}
