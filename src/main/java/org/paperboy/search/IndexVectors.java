package org.paperboy.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.util.VectorUtil;

/**
 * Reads the papers' vectors back out of the index: the exact similarity of given documents to a query
 * (the HNSW graph may hold them quantized; the full-precision copy is kept beside it), and one
 * document's vector, whatever tier it came from.
 */
final class IndexVectors {
  private IndexVectors() {}

  /** Lucene's score for unit vectors under dot product, (1 + cos) / 2, so these mix with kNN scores. */
  static double score(float[] query, float[] vector) {
    return (1 + VectorUtil.dotProduct(query, vector)) / 2;
  }

  /** doc → score of every one of these documents that has a vector; the others are absent. */
  static Map<Integer, Double> scores(IndexReader reader, int[] docs, float[] query) throws IOException {
    Map<Integer, Double> out = new HashMap<>();
    if (docs.length == 0) return out;
    int[] sorted = docs.clone();
    Arrays.sort(sorted);
    List<LeafReaderContext> leaves = reader.leaves();
    int leafIndex = -1;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator it = null;
    LeafReaderContext leaf = null;
    for (int doc : sorted) {
      int i = ReaderUtil.subIndex(doc, leaves);
      if (i != leafIndex) {
        leafIndex = i;
        leaf = leaves.get(i);
        values = leaf.reader().getFloatVectorValues(PaperIndex.VECTOR);
        it = values == null ? null : values.iterator();
      }
      if (it == null) continue;
      int target = doc - leaf.docBase;
      int at = it.docID() >= target ? it.docID() : it.advance(target);
      if (at == target) out.put(doc, score(query, values.vectorValue(it.index())));
    }
    return out;
  }

  /** The document's vector, or null when it has none. */
  static float[] vectorOf(IndexReader reader, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(PaperIndex.VECTOR);
    if (values == null) return null;
    KnnVectorValues.DocIndexIterator it = values.iterator();
    return it.advance(doc - leaf.docBase) == doc - leaf.docBase ? values.vectorValue(it.index()).clone() : null;
  }
}
