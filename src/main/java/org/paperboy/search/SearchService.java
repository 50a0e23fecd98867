package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.LockObtainFailedException;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.Fusion.Ranked;
import org.paperboy.support.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search feature's facade: what the web and the CLI call. Keyword, semantic and hybrid search with
 * filters, paging and snippets; similar papers; keeping the index current and the vectors filled in.
 * The index and the model open on first use, so commands that never search pay nothing.
 */
public final class SearchService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);
  /** How deep each list goes before fusion: deep enough for recall@100 and ten pages of ten. */
  static final int CANDIDATES = 100;

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final Path indexDir;
  private final EmbeddingModel model;
  private final UserQuery.Boosts boosts;
  private final Fusion fusion;
  private PaperIndex index;
  private Embedder embedder;
  private final VectorCoverage.Rates rates = new VectorCoverage.Rates();

  public SearchService(PaperStore papers, EmbeddingStore vectors, Path indexDir, EmbeddingModel model) {
    this(papers, vectors, indexDir, model, Boosts.DEFAULT, Fusion.DEFAULT);
  }

  /** Tunable for the relevance harness; the app uses the measured defaults. */
  public SearchService(PaperStore papers, EmbeddingStore vectors, Path indexDir, EmbeddingModel model,
      UserQuery.Boosts boosts, Fusion fusion) {
    this.papers = papers;
    this.vectors = vectors;
    this.indexDir = indexDir;
    this.model = model;
    this.boosts = boosts;
    this.fusion = fusion;
  }

  /** The measured defaults, named here so tests and the harness can start from them. */
  public static final class Boosts {
    public static final UserQuery.Boosts DEFAULT = new UserQuery.Boosts(0.5f, 1.0f, 1.0f);

    private Boosts() {}
  }

  public EmbeddingModel model() {
    return model;
  }

  synchronized PaperIndex index() {
    if (index == null) {
      try {
        index = new PaperIndex(indexDir, papers, vectors, model);
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof LockObtainFailedException) {
          throw Refusal.conflict("the search index " + indexDir + " is in use by another Paperboy process;"
              + " stop it or search through it");
        }
        throw e;
      }
    }
    return index;
  }

  synchronized Embedder embedder() {
    if (embedder == null) embedder = new Embedder(model, 1);
    return embedder;
  }

  // ---------------------------------------------------------------- keeping current

  /** Applies papers and vectors written since the last call; cheap when nothing changed. */
  public PaperIndex.CatchUp catchUp() {
    return index().catchUp();
  }

  /** Rebuilds the index from the store; {@code progress} hears how many papers each step indexed. */
  public PaperIndex.CatchUp reindex(LongConsumer progress) {
    return index().rebuild(progress);
  }

  /**
   * Keeps the index current in a long-running process (the web server): every {@code every} it applies
   * the store's changes, so a new paper is keyword-searchable within seconds and a vector written by any
   * worker (this process's background embedding, or {@code embed} elsewhere) is searchable on the next
   * round. While papers lack vectors it logs the coverage once a minute. Close the result to stop.
   */
  public AutoCloseable follow(Duration every) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().daemon().name("search-follow").unstarted(r));
    long[] lastLog = {0};
    executor.scheduleWithFixedDelay(() -> {
      try {
        catchUp();
        VectorCoverage c = coverage();
        boolean moving = c.perSecond() > 0 || c.fullPerSecond() > 0;
        if ((c.withVector() < c.papers() || moving) && System.nanoTime() - lastLog[0] > TimeUnit.MINUTES.toNanos(1)) {
          lastLog[0] = System.nanoTime();
          LOG.info(c.line());
        }
      } catch (RuntimeException e) {
        // a failed round is retried on the next one; the log says why
        LOG.warn("keeping the search index current failed", e);
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    // no interrupt: an interrupted thread in Lucene's file I/O closes the index's channels under it
    return () -> {
      executor.shutdown();
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the search follower did not stop within a minute");
      }
    };
  }

  /** How much of the index has vectors, and how fast that grows (sampled on each call). */
  public VectorCoverage coverage() {
    return rates.add(index().coverage(), System.nanoTime());
  }

  public int indexedPapers() {
    return index().size();
  }

  // ---------------------------------------------------------------- searching

  public SearchResults search(SearchRequest request) {
    long started = System.nanoTime();
    UserQuery q = UserQuery.parse(request.query(), index().queryAnalyzer(), boosts);
    SearchMode mode = request.mode() != SearchMode.BM25 && q.semanticText().isEmpty() ? SearchMode.BM25 : request.mode();
    IndexSearcher searcher = index().acquire();
    try {
      Query filter = filter(q, request);
      int wanted = request.offset() + request.limit();
      List<Ranked> ranked;
      long total;
      if (mode == SearchMode.BM25) {
        Query keyword = keywordQuery(q, filter);
        TopDocs top = request.order() == SearchRequest.Order.NEWEST
            ? searcher.search(keyword, wanted, new Sort(dateSort(request), SortField.FIELD_SCORE), true)
            : searcher.search(keyword, wanted);
        ranked = toRanked(top);
        total = top.totalHits.value();
      } else {
        ranked = rank(searcher, q, filter, mode, Math.max(CANDIDATES, wanted));
        total = ranked.size();
        if (request.order() == SearchRequest.Order.NEWEST) ranked = newestFirst(searcher, ranked, request);
      }
      List<Ranked> page = ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(wanted, ranked.size()));
      List<SearchResults.Hit> hits = hits(searcher, q, page);
      return new SearchResults(hits, total, Duration.ofNanos(System.nanoTime() - started), mode);
    } catch (IndexSearcher.TooManyClauses e) {
      throw Refusal.badInput("the query has too many words: shorten it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index().release(searcher);
    }
  }

  /** Paper ids, best first, for prose queries without search syntax: what the relevance harness scores. */
  public List<String> rankIds(String text, SearchMode mode, int depth) {
    UserQuery q = UserQuery.parse(text, index().queryAnalyzer(), boosts, false);
    IndexSearcher searcher = index().acquire();
    try {
      List<Ranked> ranked = mode == SearchMode.BM25 || q.semanticText().isEmpty()
          ? toRanked(searcher.search(keywordQuery(q, null), depth))
          : rank(searcher, q, null, mode, depth);
      StoredFields stored = searcher.storedFields();
      List<String> ids = new ArrayList<>(Math.min(depth, ranked.size()));
      for (Ranked r : ranked.subList(0, Math.min(depth, ranked.size()))) ids.add(stored.document(r.doc()).get(PaperIndex.ID));
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index().release(searcher);
    }
  }

  private List<Ranked> rank(IndexSearcher searcher, UserQuery q, Query filter, SearchMode mode, int depth)
      throws IOException {
    float[] vector = embedder().embedQuery(q.semanticText());
    List<Ranked> semantic = toRanked(searcher.search(new KnnFloatVectorQuery(PaperIndex.VECTOR, vector, depth, filter), depth));
    if (mode == SearchMode.SEMANTIC) return semantic;
    List<Ranked> keyword = toRanked(searcher.search(keywordQuery(q, filter), depth));
    return fusion.fuse(keyword, semantic);
  }

  private static List<Ranked> toRanked(TopDocs top) {
    List<Ranked> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) out.add(new Ranked(sd.doc, Float.isNaN(sd.score) ? 0 : sd.score));
    return out;
  }

  /** The ranking words plus every constraint of the query and the request. */
  private static Query keywordQuery(UserQuery q, Query filter) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean required = q.constraints().stream().anyMatch(c -> c.occur() == Occur.MUST);
    // with phrases or prefixed words required, the bare words only rank; alone, one of them must match
    if (q.ranking() != null) b.add(q.ranking(), required ? Occur.SHOULD : Occur.MUST);
    for (UserQuery.Constraint c : q.constraints()) {
      if (c.scores()) b.add(c.query(), Occur.MUST);
    }
    if (filter != null) b.add(filter, Occur.FILTER);
    return b.build();
  }

  /** Everything a result must satisfy, without scoring; null when nothing constrains. */
  private static Query filter(UserQuery q, SearchRequest r) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    boolean positive = false;
    for (UserQuery.Constraint c : q.constraints()) {
      b.add(c.query(), c.occur() == Occur.MUST_NOT ? Occur.MUST_NOT : Occur.FILTER);
      positive |= c.occur() != Occur.MUST_NOT;
      clauses++;
    }
    if (r.category() != null && !r.category().isBlank()) {
      String c = r.category().strip().toLowerCase(Locale.ROOT);
      String field = r.primaryOnly() ? PaperIndex.PRIMARY : PaperIndex.CATEGORY;
      Query cq = c.contains(".") ? new TermQuery(new Term(field, c))
          : new BooleanQuery.Builder().add(new TermQuery(new Term(field, c)), Occur.SHOULD)
              .add(new PrefixQuery(new Term(field, c + ".")), Occur.SHOULD).build();
      b.add(cq, Occur.FILTER);
      positive = true;
      clauses++;
    }
    if (r.from() != null || r.to() != null) {
      String field = r.dateField() == SearchRequest.DateField.SUBMITTED ? PaperIndex.SUBMITTED : PaperIndex.PUBLISHED;
      long lo = r.from() == null ? Long.MIN_VALUE : r.from().toEpochDay();
      long hi = r.to() == null ? Long.MAX_VALUE : r.to().toEpochDay();
      b.add(LongField.newRangeQuery(field, lo, hi), Occur.FILTER);
      positive = true;
      clauses++;
    }
    if (clauses == 0) return null;
    // a Boolean query of only MUST_NOT matches nothing: give it everything to subtract from
    if (!positive) b.add(new MatchAllDocsQuery(), Occur.FILTER);
    return b.build();
  }

  private static SortField dateSort(SearchRequest r) {
    String field = r.dateField() == SearchRequest.DateField.SUBMITTED ? PaperIndex.SUBMITTED : PaperIndex.PUBLISHED;
    return LongField.newSortField(field, true, SortedNumericSelector.Type.MAX);
  }

  private static List<Ranked> newestFirst(IndexSearcher searcher, List<Ranked> ranked, SearchRequest r) throws IOException {
    String field = r.dateField() == SearchRequest.DateField.SUBMITTED ? PaperIndex.SUBMITTED_STORED : PaperIndex.PUBLISHED_STORED;
    StoredFields stored = searcher.storedFields();
    List<long[]> dated = new ArrayList<>(ranked.size());
    for (int i = 0; i < ranked.size(); i++) {
      var value = stored.document(ranked.get(i).doc(), Set.of(field)).getField(field);
      dated.add(new long[] {value == null ? Long.MIN_VALUE : value.numericValue().longValue(), i});
    }
    dated.sort(Comparator.<long[]>comparingLong(d -> -d[0]).thenComparingLong(d -> d[1]));
    List<Ranked> out = new ArrayList<>(ranked.size());
    for (long[] d : dated) out.add(ranked.get((int) d[1]));
    return out;
  }

  private List<SearchResults.Hit> hits(IndexSearcher searcher, UserQuery q, List<Ranked> page) throws IOException {
    if (page.isEmpty()) return List.of();
    int[] docs = new int[page.size()];
    List<ArxivId> ids = new ArrayList<>(page.size());
    StoredFields stored = searcher.storedFields();
    for (int i = 0; i < docs.length; i++) {
      docs[i] = page.get(i).doc();
      ids.add(new ArxivId(stored.document(docs[i], Set.of(PaperIndex.ID)).get(PaperIndex.ID)));
    }
    String[][] snippets = Snippets.highlight(searcher, index().queryAnalyzer(), q.highlight(), docs);
    Map<ArxivId, Paper> byId = new HashMap<>();
    for (Paper p : papers.findAll(ids)) byId.put(p.id(), p);
    List<SearchResults.Hit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      Paper p = byId.get(ids.get(i));
      if (p != null) hits.add(new SearchResults.Hit(p, snippets[i][0], snippets[i][1], page.get(i).score()));
    }
    return hits;
  }

  // ---------------------------------------------------------------- similar papers

  /** The papers nearest to this one by meaning, itself excluded; empty when it has no vector yet. */
  public List<SimilarPaper> similar(ArxivId id, int limit) {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) throw Refusal.badInput("limit must be between 1 and " + SearchRequest.MAX_LIMIT);
    Paper paper = papers.find(id).orElseThrow(() -> Refusal.badInput("no paper " + id + " in the store"));
    EmbeddingStore.StoredVector v = vectors.find(model, List.of(id.value())).get(id.value());
    if (v == null || !v.textHash().equals(EmbeddingStore.textHash(paper))) return List.of();
    IndexSearcher searcher = index().acquire();
    try {
      Query notItself = new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.FILTER)
          .add(new TermQuery(new Term(PaperIndex.ID, id.value())), Occur.MUST_NOT).build();
      TopDocs top = searcher.search(new KnnFloatVectorQuery(PaperIndex.VECTOR, v.vector(), limit, notItself), limit);
      StoredFields stored = searcher.storedFields();
      List<ArxivId> ids = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        ids.add(new ArxivId(stored.document(sd.doc, Set.of(PaperIndex.ID)).get(PaperIndex.ID)));
        // Lucene scores dot-product hits as (1 + cos) / 2
        scores.add(2.0 * sd.score - 1);
      }
      Map<ArxivId, Paper> byId = new HashMap<>();
      for (Paper p : papers.findAll(ids)) byId.put(p.id(), p);
      List<SimilarPaper> out = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Paper p = byId.get(ids.get(i));
        if (p != null) out.add(new SimilarPaper(p, scores.get(i)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index().release(searcher);
    }
  }

  @Override
  public synchronized void close() {
    if (index != null) index.close();
    if (embedder != null) embedder.close();
    index = null;
    embedder = null;
  }
}
