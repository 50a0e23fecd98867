package org.paperboy.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The two figures BEIR reports, computed as trec_eval does (gain = the judged grade, log2 discount). */
public final class Metrics {
  private Metrics() {}

  /** nDCG@k: DCG of the ranking over the DCG of the ideal ranking of the judged documents. */
  public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int grade = relevant.getOrDefault(ranked.get(i), 0);
      if (grade > 0) dcg += grade / log2(i + 2);
    }
    List<Integer> ideal = new ArrayList<>(relevant.values());
    ideal.sort(Comparator.reverseOrder());
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      if (ideal.get(i) > 0) idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Recall@k: the share of relevant documents found in the first k. */
  public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
    long wanted = relevant.values().stream().filter(g -> g > 0).count();
    if (wanted == 0) return 0;
    int found = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.getOrDefault(ranked.get(i), 0) > 0) found++;
    }
    return found / (double) wanted;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
