package org.paperboy.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;

/**
 * Finds the papers most like one paper: by its vector when it has one, otherwise by the words that
 * set its title and abstract apart (Lucene's MoreLikeThis), so a paper is never without neighbours
 * just because it has not been embedded yet.
 */
final class Neighbours {
  /** Words that occur in fewer papers than this say nothing about what else is alike. */
  private static final int MIN_DOC_FREQ = 2;
  /** The most telling words of the paper that form the query: more only adds noise and time. */
  private static final int MAX_WORDS = 25;

  private final PaperStore papers;
  private final Analyzer analyzer;

  Neighbours(PaperStore papers, Analyzer analyzer) {
    this.papers = papers;
    this.analyzer = analyzer;
  }

  /** @param vector the paper's current vector, or null when it has none */
  SimilarPapers find(IndexSearcher searcher, Paper paper, float[] vector, int limit, double vectorShare) throws IOException {
    Query notItself = new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(new TermQuery(new Term(PaperIndex.ID, paper.id().value())), Occur.MUST_NOT).build();
    if (vector != null) {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(PaperIndex.VECTOR, vector, limit, notItself), limit);
      if (top.scoreDocs.length > 0) {
        List<Double> cosines = new ArrayList<>();
        // Lucene scores dot-product hits as (1 + cos) / 2
        for (ScoreDoc sd : top.scoreDocs) cosines.add(2.0 * sd.score - 1);
        return new SimilarPapers(load(searcher, top, cosines), Basis.meaning(Basis.Kind.MEANING, vectorShare));
      }
    }
    TopDocs top = searcher.search(new BooleanQuery.Builder()
        .add(likeThis(searcher, paper), Occur.MUST).add(notItself, Occur.FILTER).build(), limit);
    List<Double> relative = new ArrayList<>();
    double best = top.scoreDocs.length == 0 ? 1 : top.scoreDocs[0].score;
    for (ScoreDoc sd : top.scoreDocs) relative.add(sd.score / best);
    String why = vector == null ? "this paper has no vector yet" : "no other paper has a vector yet";
    return new SimilarPapers(load(searcher, top, relative), Basis.wordsInstead(vectorShare, why));
  }

  private Query likeThis(IndexSearcher searcher, Paper paper) throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(analyzer);
    mlt.setFieldNames(new String[] {PaperIndex.TITLE, PaperIndex.ABSTRACT});
    // abstracts are short: a telling word often appears once
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(MIN_DOC_FREQ);
    mlt.setMaxQueryTerms(MAX_WORDS);
    mlt.setBoost(true);
    Map<String, Collection<Object>> text = Map.of(PaperIndex.TITLE, List.of(paper.title()),
        PaperIndex.ABSTRACT, List.of(paper.abstractText()));
    return mlt.like(text);
  }

  private List<SimilarPaper> load(IndexSearcher searcher, TopDocs top, List<Double> scores) throws IOException {
    StoredFields stored = searcher.storedFields();
    List<ArxivId> ids = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) ids.add(new ArxivId(stored.document(sd.doc, Set.of(PaperIndex.ID)).get(PaperIndex.ID)));
    Map<ArxivId, Paper> byId = new HashMap<>();
    for (Paper p : papers.findAll(ids)) byId.put(p.id(), p);
    List<SimilarPaper> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Paper p = byId.get(ids.get(i));
      if (p != null) out.add(new SimilarPaper(p, scores.get(i)));
    }
    return out;
  }
}
