package org.paperboy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.Fusion;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchService;

class EvaluationTest {
  @TempDir Path dir;

  @Test
  void theHarnessScoresATinyHandMadeSetExactly() throws Exception {
    TinyRelevanceSet set = TinyRelevanceSet.write(dir); // its scores are worked out by hand in its comment
    try (Database cache = Database.open("jdbc:sqlite:" + dir.resolve("cache.db"))) {
      List<Evaluation.Score> scores = new Evaluation(BeirSet.read(set.corpus(), set.queries(), set.qrels()), cache)
          .run(List.of(SearchMode.BM25), Evaluation.Setup.of(EmbeddingModel.MINILM), 1, false);
      Evaluation.Score s = scores.getFirst();
      assertThat(s.ndcg10()).isCloseTo(TinyRelevanceSet.NDCG_10, within(1e-6));
      assertThat(s.recall100()).isEqualTo(0.75);
      assertThat(s.queries()).isEqualTo(2);
      assertThat(s.line()).isEqualTo(TinyRelevanceSet.BM25_LINE);
    }
  }

  @Test
  void aLargerVectorShareOfTheSameSeedHoldsEveryPaperOfASmallerOne() {
    List<org.paperboy.paper.Paper> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      docs.add(new org.paperboy.paper.Paper(Evaluation.syntheticId(i), 1, "t" + i, "a", "", List.of(), List.of("eval"),
          null, null, null, null, null, null, List.of(), null, null, null));
    }
    List<org.paperboy.paper.Paper> tenth = Evaluation.sample(docs, 0.1, 42);
    List<org.paperboy.paper.Paper> half = Evaluation.sample(docs, 0.5, 42);
    assertThat(tenth).hasSize(100);
    assertThat(half).hasSize(500).containsAll(tenth);
    assertThat(Evaluation.sample(docs, 0.1, 43)).isNotEqualTo(tenth);
    assertThat(Evaluation.sample(docs, 0, 42)).isEmpty();
    assertThat(Evaluation.sample(docs, 1, 42)).containsExactlyInAnyOrderElementsOf(docs);
  }

  @Test
  void withoutVectorsHybridScoresExactlyAsKeywords() throws Exception {
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), """
        {"_id":"d1","title":"Zebra stripes","text":"Why zebras have stripes: thermoregulation and flies."}
        {"_id":"d2","title":"Horse coats","text":"Coat colour genetics in horses, and stripes on zebra foals."}
        {"_id":"d3","title":"Penguin huddles","text":"Emperor penguins huddle against the Antarctic cold."}
        """);
    Path queries = Files.writeString(dir.resolve("queries.jsonl"), """
        {"_id":"q1","text":"why do zebras have stripes"}
        {"_id":"q2","text":"cold penguins"}
        """);
    Path qrels = Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\td2\t1\nq2\td3\t1\n");
    try (Database cache = Database.open("jdbc:sqlite:" + dir.resolve("cache.db"))) {
      List<Evaluation.Score> scores = new Evaluation(BeirSet.read(corpus, queries, qrels), cache).run(
          List.of(SearchMode.BM25, SearchMode.HYBRID), Evaluation.Setup.of(EmbeddingModel.MINILM).withVectorShare(0, 42), 1, false);
      assertThat(scores.get(1).ndcg10()).isEqualTo(scores.get(0).ndcg10());
      assertThat(scores.get(1).line()).startsWith("mode=hybrid vector-share=0.00 ndcg@10=");
    }
  }
}
