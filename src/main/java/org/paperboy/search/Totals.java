package org.paperboy.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.paperboy.search.Fusion.Ranked;

/**
 * One query has one total, whichever page of it is asked for and wherever (page, API, command line).
 * Lucene's top-k search only counts hits exactly up to a threshold, so the total is counted on its
 * own, from what the list is made of: every keyword match; every paper with a vector (meaning lists
 * all of them, nearest first); or the keyword matches plus the nearest papers (one pool, the same on
 * every page) that match no keyword.
 */
final class Totals {
  private Totals() {}

  /** Papers matching the keyword query: exactly. */
  static long matching(IndexSearcher searcher, Query keyword) throws IOException {
    return searcher.count(keyword);
  }

  /** Papers with a vector that pass the filter: everything a meaning list pages through. */
  static long withVector(IndexSearcher searcher, Query filter) throws IOException {
    Query vectors = new FieldExistsQuery(PaperIndex.VECTOR);
    return searcher.count(filter == null ? vectors
        : new BooleanQuery.Builder().add(vectors, Occur.FILTER).add(filter, Occur.FILTER).build());
  }

  /** Keyword matches, plus the papers of the nearest pool that match no keyword. */
  static long matchingOrNear(IndexSearcher searcher, Query keyword, List<Ranked> nearest) throws IOException {
    long matches = searcher.count(keyword);
    if (nearest.isEmpty()) return matches;
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Map<Integer, List<Integer>> byLeaf = new TreeMap<>();
    for (Ranked r : nearest) byLeaf.computeIfAbsent(ReaderUtil.subIndex(r.doc(), leaves), l -> new ArrayList<>()).add(r.doc());
    Weight weight = searcher.createWeight(searcher.rewrite(keyword), ScoreMode.COMPLETE_NO_SCORES, 1);
    long near = 0;
    for (Map.Entry<Integer, List<Integer>> e : byLeaf.entrySet()) {
      LeafReaderContext leaf = leaves.get(e.getKey());
      List<Integer> docs = e.getValue();
      docs.sort(null);
      Scorer scorer = weight.scorer(leaf);
      DocIdSetIterator it = scorer == null ? null : scorer.iterator();
      for (int doc : docs) {
        int local = doc - leaf.docBase;
        if (it != null && it.docID() < local) it.advance(local);
        if (it == null || it.docID() != local) near++;
      }
    }
    return matches + near;
  }
}
