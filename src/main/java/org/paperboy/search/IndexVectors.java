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
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.VectorUtil;

/**
 * Reads the papers' vectors back out of the index: the exact similarity of given documents to a query
 * (the HNSW graph may hold them quantized; the full-precision copy is kept beside it), and one
 * document's vector, whatever tier it came from, and which tier that is.
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

  /** Which of these documents' vectors are static ones (averaged token vectors, see {@link StaticVectors}). */
  static java.util.Set<Integer> staticOnes(IndexReader reader, List<Fusion.Ranked> a, List<Fusion.Ranked> b) throws IOException {
    java.util.TreeSet<Integer> docs = new java.util.TreeSet<>();
    for (Fusion.Ranked r : a) docs.add(r.doc());
    for (Fusion.Ranked r : b) docs.add(r.doc());
    java.util.Set<Integer> out = new java.util.HashSet<>();
    Term tier = new Term(PaperIndex.VECTOR_TIER, VectorTier.STATIC.id());
    for (LeafReaderContext leaf : reader.leaves()) {
      PostingsEnum postings = leaf.reader().postings(tier, PostingsEnum.NONE);
      if (postings == null) continue;
      int end = leaf.docBase + leaf.reader().maxDoc();
      for (int doc : docs.subSet(leaf.docBase, end)) {
        int target = doc - leaf.docBase;
        int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
        if (at == DocIdSetIterator.NO_MORE_DOCS) break;
        if (at == target) out.add(doc);
      }
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

  /** The tier of the document's vector, or empty when it has none (a document has at most one). */
  static java.util.Optional<VectorTier> tierOf(IndexReader reader, int doc) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    int target = doc - leaf.docBase;
    for (VectorTier tier : VectorTier.values()) {
      PostingsEnum postings = leaf.reader().postings(new Term(PaperIndex.VECTOR_TIER, tier.id()), PostingsEnum.NONE);
      if (postings != null && postings.advance(target) == target) return java.util.Optional.of(tier);
    }
    return java.util.Optional.empty();
  }
}
