package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.paperboy.search.Fusion.Ranked;
import org.paperboy.support.Randomized;

/** Both fusions, attacked with random ranked lists: overlapping, disjoint, tied, empty. */
class FusionRandomTest {
  private static final int ROUNDS = 2_000;

  /** A ranked list as a search returns it: distinct documents, scores not increasing. */
  private static List<Ranked> list(Random random, int docs) {
    int n = random.nextInt(12);
    Set<Integer> seen = new HashSet<>();
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < n; i++) scores.add(random.nextInt(4) == 0 ? 1.0 : random.nextDouble() * 20);
    scores.sort((a, b) -> Double.compare(b, a));
    List<Ranked> out = new ArrayList<>();
    for (double s : scores) {
      int doc = random.nextInt(docs);
      if (seen.add(doc)) out.add(new Ranked(doc, s));
    }
    return out;
  }

  private static Fusion fusion(Random random) {
    return new Fusion(random.nextBoolean() ? Fusion.Kind.RRF : Fusion.Kind.SCORES, random.nextDouble(), 1 + random.nextInt(100));
  }

  /** The papers of the semantic list have vectors, those only in the keyword list have none. */
  private static List<Ranked> fuse(Fusion f, List<Ranked> keyword, List<Ranked> semantic) {
    Map<Integer, Double> similarity = new HashMap<>();
    for (Ranked r : semantic) similarity.put(r.doc(), r.score());
    similarity.keySet().retainAll(positions(keyword).keySet());
    return f.fuse(new Fusion.Candidates(keyword, semantic, similarity));
  }

  private static Map<Integer, Integer> positions(List<Ranked> list) {
    Map<Integer, Integer> at = new HashMap<>();
    for (int i = 0; i < list.size(); i++) at.put(list.get(i).doc(), i);
    return at;
  }

  @Randomized
  void everyDocumentOfEitherListAppearsOnceInScoreOrder(Random random) {
    for (int i = 0; i < ROUNDS; i++) {
      Fusion f = fusion(random);
      List<Ranked> keyword = list(random, 20), semantic = list(random, 20);
      List<Ranked> fused = fuse(f, keyword, semantic);
      Set<Integer> expected = new HashSet<>(positions(keyword).keySet());
      expected.addAll(positions(semantic).keySet());
      assertThat(fused).as("%s of %s and %s", f, keyword, semantic).extracting(Ranked::doc)
          .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
      for (int k = 1; k < fused.size(); k++) {
        Ranked a = fused.get(k - 1), b = fused.get(k);
        assertThat(a.score() > b.score() || a.score() == b.score() && a.doc() < b.doc())
            .as("%s before %s in %s", a, b, fused).isTrue();
      }
      if (f.kind() == Fusion.Kind.SCORES) assertThat(fused).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0 + 1e-9));
    }
  }

  @Randomized
  void aDocumentAheadInBothListsStaysAhead(Random random) {
    for (int i = 0; i < ROUNDS; i++) {
      Fusion f = fusion(random);
      List<Ranked> keyword = list(random, 8), semantic = list(random, 8);
      List<Ranked> fused = fuse(f, keyword, semantic);
      Map<Integer, Integer> k = positions(keyword), s = positions(semantic), out = positions(fused);
      for (int a : k.keySet()) {
        for (int b : k.keySet()) {
          boolean aheadInBoth = s.containsKey(a) && s.containsKey(b) && k.get(a) < k.get(b) && s.get(a) < s.get(b)
              && keyword.get(k.get(a)).score() > keyword.get(k.get(b)).score()
              && semantic.get(s.get(a)).score() > semantic.get(s.get(b)).score();
          if (aheadInBoth) {
            assertThat(out.get(a)).as("%s: %d ahead of %d in %s and %s, fused %s", f, a, b, keyword, semantic, fused)
                .isLessThan(out.get(b));
          }
        }
      }
    }
  }

  @Randomized
  void withoutSemanticResultsTheKeywordOrderStands(Random random) {
    for (int i = 0; i < ROUNDS; i++) {
      Fusion f = fusion(random);
      List<Ranked> keyword = list(random, 30);
      List<Integer> strictlyOrdered = new ArrayList<>();
      for (int k = 0; k < keyword.size(); k++) {
        boolean tied = k > 0 && keyword.get(k - 1).score() == keyword.get(k).score()
            || k + 1 < keyword.size() && keyword.get(k + 1).score() == keyword.get(k).score();
        if (!tied) strictlyOrdered.add(keyword.get(k).doc());
      }
      List<Integer> fused = fuse(f, keyword, List.of()).stream().map(Ranked::doc).filter(strictlyOrdered::contains).toList();
      assertThat(fused).as("%s of %s alone", f, keyword).containsExactlyElementsOf(strictlyOrdered);
    }
  }
}
