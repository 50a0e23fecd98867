package org.paperboy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void ndcgAndRecallMatchAHandComputation() {
    // relevant: a (grade 2), c (grade 1). Ranking b, a, c:
    // DCG  = 0/log2(2) + 2/log2(3) + 1/log2(4) = 1.261860 + 0.5 = 1.761860
    // IDCG = 2/log2(2) + 1/log2(3)             = 2 + 0.630930 = 2.630930
    // nDCG = 1.761860 / 2.630930 = 0.669672
    Map<String, Integer> relevant = Map.of("a", 2, "c", 1);
    assertThat(Metrics.ndcg(List.of("b", "a", "c"), relevant, 10)).isCloseTo(0.669672, within(1e-6));
    // cut at 2: DCG = 1.261860, IDCG = 2.630930 → 0.479625
    assertThat(Metrics.ndcg(List.of("b", "a", "c"), relevant, 2)).isCloseTo(0.479625, within(1e-6));
    assertThat(Metrics.recall(List.of("b", "a"), relevant, 100)).isEqualTo(0.5);
    assertThat(Metrics.ndcg(List.of("a", "c"), relevant, 10)).isEqualTo(1.0);
    assertThat(Metrics.ndcg(List.of(), relevant, 10)).isZero();
  }

  @Test
  void aMedianOfAnEvenCountIsTheMeanOfItsTwoMiddleValues() {
    // bench embed printed the upper middle round as "the median" of two rounds (0.956 of 0.905 and 0.956)
    assertThat(Measure.median(new double[] {0.956, 0.905})).isCloseTo(0.9305, within(1e-9));
    assertThat(Measure.median(new double[] {3, 1, 2})).isEqualTo(2);
    double[] rounds = {5, 1, 4, 2};
    Measure.median(rounds);
    assertThat(rounds).as("the caller's values are not reordered").containsExactly(5, 1, 4, 2);
  }
}
