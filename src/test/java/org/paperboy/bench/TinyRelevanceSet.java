package org.paperboy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A relevance set small enough to score by hand, in the BEIR layout `eval` reads. Its BM25 scores:
 * q1 ("zebra stripes"): only d1 has "zebra" or "stripe", so the ranking is [d1]; relevant are d1 and
 * d2: DCG = 1/log2(2) = 1; IDCG = 1 + 1/log2(3) = 1.630930; nDCG = 0.613147; recall = 1/2.
 * q2 ("penguin huddle"): only d3 matches and it is the one relevant paper: nDCG = 1, recall = 1.
 * q3 has no judgments and is not scored. Means: nDCG = 0.806574, recall = 0.75, over 2 queries.
 */
public record TinyRelevanceSet(Path corpus, Path queries, Path qrels) {
  public static final double NDCG_10 = 0.806574;
  public static final String BM25_LINE = "mode=bm25 ndcg@10=0.8066 recall@100=0.7500 queries=2";

  public static TinyRelevanceSet write(Path dir) throws IOException {
    Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), """
        {"_id":"d1","title":"Zebra stripes","text":"Why zebras have stripes: thermoregulation and flies."}
        {"_id":"d2","title":"Horse coats","text":"Coat colour genetics in horses."}
        {"_id":"d3","title":"Penguin huddles","text":"Emperor penguins huddle against the Antarctic cold."}
        {"_id":"d4","title":"Camel humps","text":"Fat storage in the camel's hump."}
        """);
    Path queries = Files.writeString(dir.resolve("queries.jsonl"), """
        {"_id":"q1","text":"zebra stripes"}
        {"_id":"q2","text":"penguin huddle"}
        {"_id":"q3","text":"a query nobody judged"}
        """);
    Path qrels = Files.writeString(dir.resolve("qrels.tsv"), """
        query-id\tcorpus-id\tscore
        q1\td1\t1
        q1\td2\t1
        q2\td3\t1
        """);
    return new TinyRelevanceSet(corpus, queries, qrels);
  }
}
