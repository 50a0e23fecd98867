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
import java.util.Optional;
import java.util.Set;
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

/**
 * The search feature's facade: what the web and the CLI call. Keyword, semantic and hybrid search with
 * filters, paging and snippets; similar papers; keeping the index current and the vectors filled in.
 * The index and the model open on first use, so commands that never search pay nothing.
 */
public final class SearchService implements AutoCloseable {
  /** How deep each list goes before fusion: deep enough for recall@100 and ten pages of ten. */
  static final int CANDIDATES = 100;

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final Path indexDir;
  private final EmbeddingModel model;
  private final UserQuery.Boosts boosts;
  private final Fusion fusion;
  private final VectorFormat vectorFormat;
  private final QueryVectors queryVectors;
  private PaperIndex index;
  private Embedder embedder;
  private final Object embedderLock = new Object();
  /** The vector share of the last searcher asked, so a query does not count vectors again. */
  private volatile Share share = new Share(null, 0);
  private final VectorCoverage.Rates rates = new VectorCoverage.Rates();

  private record Share(Object reader, double value) {}

  public SearchService(PaperStore papers, EmbeddingStore vectors, Path indexDir, EmbeddingModel model) {
    this(papers, vectors, indexDir, model, Boosts.DEFAULT, Fusion.DEFAULT, VectorFormat.DEFAULT);
  }

  /** Tunable for the relevance harness; the app uses the measured defaults. */
  public SearchService(PaperStore papers, EmbeddingStore vectors, Path indexDir, EmbeddingModel model,
      UserQuery.Boosts boosts, Fusion fusion, VectorFormat vectorFormat) {
    this.papers = papers;
    this.vectors = vectors;
    this.indexDir = indexDir;
    this.model = model;
    this.boosts = boosts;
    this.fusion = fusion;
    this.vectorFormat = vectorFormat;
    this.queryVectors = new QueryVectors(model, QueryVectors.DEFAULT_SIZE, text -> embedder().embedQuery(text));
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
    PaperIndex i = indexUnlessHeld();
    if (i == null) {
      throw Refusal.conflict("the search index " + indexDir + " is in use by another Paperboy process"
          + " (a serve or reindex on this data directory): stop it first (a second serve needs its own --data)");
    }
    return i;
  }

  /** The index, or null while another process holds it (its lock is Lucene's write lock). */
  private synchronized PaperIndex indexUnlessHeld() {
    if (index == null) {
      try {
        index = new PaperIndex(indexDir, papers, vectors, model, vectorFormat);
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof LockObtainFailedException) return null;
        throw e;
      }
    }
    return index;
  }

  /**
   * Opens the index now: a long-running process that cannot have it (another one on the same data directory
   * holds its lock) must say so once, as it starts, not on every round of following the store.
   */
  public void open() {
    index();
  }

  /** Its own lock: loading the model takes seconds, and searching and following must not wait for it. */
  Embedder embedder() {
    synchronized (embedderLock) {
      if (embedder == null) embedder = new Embedder(model, 1);
      return embedder;
    }
  }

  // ---------------------------------------------------------------- keeping current

  /** Applies papers and vectors written since the last call; cheap when nothing changed. */
  public PaperIndex.CatchUp catchUp() {
    return write(index(), i -> i.catchUp());
  }

  /**
   * As {@link #catchUp()}, telling {@code progress} how many papers each step indexed, unless another process
   * holds the index: a serve on this data directory follows the store by itself (empty then).
   */
  public Optional<PaperIndex.CatchUp> catchUpUnlessHeld(LongConsumer progress) {
    PaperIndex i = indexUnlessHeld();
    return i == null ? Optional.empty() : Optional.of(write(i, ready -> ready.catchUp(progress)));
  }

  /** Rebuilds the index from the store; {@code progress} hears how many papers each step indexed. */
  public PaperIndex.CatchUp reindex(LongConsumer progress) {
    return write(index(), i -> i.rebuild(progress));
  }

  /**
   * Runs a pass that writes the index. After a failed one (a full disk, say) the index is not written on:
   * it stays searchable as it was, while a copy opened from its last commit (whose cursor says where to
   * resume) does the pass, and replaces it only once that pass succeeded. So searches keep every paper
   * they had through a bad day, and the first pass after it catches up with nothing lost or doubled.
   */
  private PaperIndex.CatchUp write(PaperIndex current, java.util.function.Function<PaperIndex, PaperIndex.CatchUp> pass) {
    if (current.usable()) return pass.apply(current);
    current.stopWriting(); // drops what it held since its last commit and frees the index's write lock
    PaperIndex fresh = new PaperIndex(indexDir, papers, vectors, model, vectorFormat);
    PaperIndex.CatchUp done;
    try {
      done = pass.apply(fresh);
    } catch (RuntimeException e) {
      fresh.close(false);
      throw e;
    }
    synchronized (this) {
      index = fresh;
    }
    current.close(false);
    return done;
  }

  /**
   * Keeps the index current in a long-running process (the web server): every {@code every}, and at once
   * when told of a change, it applies the store's changes, so a new paper is keyword-searchable within
   * moments and a vector written by any worker (this process's background embedding, or {@code embed}
   * elsewhere) is searchable on the next round. Close the result to stop.
   */
  public IndexFollower follow(Duration every) {
    return new IndexFollower(this, every);
  }

  /** How much of the index has vectors, and how fast that grows (sampled on each call). */
  public VectorCoverage coverage() {
    return rates.add(index().coverage(), System.nanoTime());
  }

  public int indexedPapers() {
    return index().size();
  }

  /** Papers in the index, or -1 while another process holds it. */
  public int indexedPapersUnlessHeld() {
    PaperIndex i = indexUnlessHeld();
    return i == null ? -1 : i.size();
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
      double vectorShare = vectorShare(searcher);
      Basis basis;
      if (mode != SearchMode.BM25 && vectorShare == 0) {
        mode = SearchMode.BM25;
        basis = Basis.wordsInstead(0, "no paper has a vector yet");
      } else {
        basis = Basis.wordsAsAsked(vectorShare);
      }
      List<Ranked> ranked;
      long total;
      if (mode == SearchMode.BM25) {
        Query keyword = keywordQuery(q, filter);
        TopDocs top = request.order() == SearchRequest.Order.NEWEST
            ? searcher.search(keyword, wanted, new Sort(dateSort(request), SortField.FIELD_SCORE), true)
            : searcher.search(keyword, wanted);
        ranked = toRanked(top);
        total = Totals.matching(searcher, keyword);
      } else {
        // the semantic side of a hybrid list is the same pool on every page, so its total is too
        int depth = Math.max(CANDIDATES, wanted);
        Ranking r = rank(searcher, q, filter, mode, depth, mode == SearchMode.SEMANTIC ? depth : CANDIDATES, vectorShare);
        ranked = r.ranked();
        basis = r.basis();
        total = mode == SearchMode.SEMANTIC ? Totals.withVector(searcher, filter)
            : Totals.matchingOrNear(searcher, keywordQuery(q, filter), r.semanticPool());
        if (request.order() == SearchRequest.Order.NEWEST) ranked = newestFirst(searcher, ranked, request);
      }
      List<Ranked> page = ranked.subList(Math.min(request.offset(), ranked.size()), Math.min(wanted, ranked.size()));
      List<SearchResults.Hit> hits = hits(searcher, q, page);
      return new SearchResults(hits, total, Duration.ofNanos(System.nanoTime() - started), mode, basis);
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
      double vectorShare = vectorShare(searcher);
      List<Ranked> ranked = mode == SearchMode.BM25 || q.semanticText().isEmpty() || vectorShare == 0
          ? toRanked(searcher.search(keywordQuery(q, null), depth))
          : rank(searcher, q, null, mode, depth, depth, vectorShare).ranked();
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

  /** {@code semanticPool}: the nearest papers a hybrid list was fused from (empty when it ranks by words alone). */
  private record Ranking(List<Ranked> ranked, Basis basis, List<Ranked> semanticPool) {}

  /**
   * Semantic or hybrid candidates, scored with the full-precision vectors (the graph may hold them
   * quantized, which is good enough to find neighbours but not to order them finely).
   */
  private Ranking rank(IndexSearcher searcher, UserQuery q, Query filter, SearchMode mode, int keywordDepth,
      int semanticDepth, double vectorShare) throws IOException {
    float[] vector = queryVectors.of(q.semanticText());
    TopDocs nearest = searcher.search(new KnnFloatVectorQuery(PaperIndex.VECTOR, vector, semanticDepth, filter), semanticDepth);
    List<Ranked> semantic = rescored(searcher, nearest, vector);
    if (mode == SearchMode.SEMANTIC) return new Ranking(semantic, Basis.meaning(Basis.Kind.MEANING, vectorShare), semantic);
    List<Ranked> keyword = toRanked(searcher.search(keywordQuery(q, filter), keywordDepth));
    int[] docs = keyword.stream().mapToInt(Ranked::doc).toArray();
    Fusion.Candidates candidates = new Fusion.Candidates(keyword, semantic,
        IndexVectors.scores(searcher.getIndexReader(), docs, vector),
        IndexVectors.staticOnes(searcher.getIndexReader(), keyword, semantic));
    if (!keyword.isEmpty() && fusion.effectiveWeight(candidates.head(CANDIDATES)) == 0) {
      return new Ranking(keyword, Basis.wordsInstead(vectorShare, "none of the matching papers has a vector yet"), List.of());
    }
    return new Ranking(fusion.fuse(candidates), Basis.meaning(Basis.Kind.WORDS_AND_MEANING, vectorShare), semantic);
  }

  private static List<Ranked> rescored(IndexSearcher searcher, TopDocs nearest, float[] vector) throws IOException {
    int[] docs = new int[nearest.scoreDocs.length];
    for (int i = 0; i < docs.length; i++) docs[i] = nearest.scoreDocs[i].doc;
    Map<Integer, Double> exact = IndexVectors.scores(searcher.getIndexReader(), docs, vector);
    List<Ranked> out = new ArrayList<>(docs.length);
    for (int doc : docs) out.add(new Ranked(doc, exact.getOrDefault(doc, 0.0)));
    out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparingInt(Ranked::doc));
    return out;
  }

  /** The share of indexed papers with a vector, counted once per index state. */
  double vectorShare(IndexSearcher searcher) throws IOException {
    Object key = searcher.getIndexReader().getReaderCacheHelper().getKey();
    Share known = share;
    if (known.reader() == key) return known.value();
    PaperIndex.Coverage c = PaperIndex.coverage(searcher);
    double value = c.papers() == 0 ? 0 : Math.min(1.0, c.withVector() / (double) c.papers());
    share = new Share(key, value);
    return value;
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

  private static final Set<String> HIT_FIELDS = Set.of(PaperIndex.ID, PaperIndex.TITLE, PaperIndex.ABSTRACT, PaperIndex.PAPER);

  private List<SearchResults.Hit> hits(IndexSearcher searcher, UserQuery q, List<Ranked> page) throws IOException {
    if (page.isEmpty()) return List.of();
    int[] docs = new int[page.size()];
    List<Paper> found = new ArrayList<>(page.size());
    String[][] texts = new String[docs.length][];
    StoredFields stored = searcher.storedFields();
    // the papers come from the documents they were found in (IndexedPaper), not from the store
    for (int i = 0; i < docs.length; i++) {
      docs[i] = page.get(i).doc();
      var d = stored.document(docs[i], HIT_FIELDS);
      texts[i] = new String[] {d.get(PaperIndex.TITLE), d.get(PaperIndex.ABSTRACT)};
      found.add(IndexedPaper.decode(d.get(PaperIndex.ID), texts[i][0], texts[i][1], d.getBinaryValue(PaperIndex.PAPER)));
    }
    String[][] snippets = Snippets.highlight(searcher, index().queryAnalyzer(), q.highlight(), docs, texts);
    List<SearchResults.Hit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      hits.add(new SearchResults.Hit(found.get(i), snippets[i][0], snippets[i][1], page.get(i).score()));
    }
    return hits;
  }

  // ---------------------------------------------------------------- similar papers

  /**
   * The papers most like this one, itself excluded: by meaning when it has a vector, else by words, so
   * a paper with an abstract always has some. The answer says which.
   */
  public SimilarPapers similar(ArxivId id, int limit) {
    if (limit < 1 || limit > SearchRequest.MAX_LIMIT) throw Refusal.badInput("limit must be between 1 and " + SearchRequest.MAX_LIMIT);
    Paper paper = papers.find(id).orElseThrow(() -> Refusal.badInput("no paper " + id + " in the store"));
    IndexSearcher searcher = index().acquire();
    try {
      int self = docOf(searcher, id);
      // the index holds only vectors of the paper's current text, whichever tier they came from
      float[] vector = self < 0 ? null : IndexVectors.vectorOf(searcher.getIndexReader(), self);
      return new Neighbours(papers, index().queryAnalyzer()).find(searcher, paper, vector, limit, vectorShare(searcher));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index().release(searcher);
    }
  }

  /**
   * What this paper's similar papers depend on beyond the data, as searches see it now: its vector's tier
   * and the share of papers with a vector in the whole percent their note shows ("meaning: 12% of papers
   * so far"), so a cached list is rendered again as its neighbours gain vectors, at most once a percent,
   * and then holds once every paper has one. Empty while it has no vector (its list is by words) or is not
   * indexed. A term looked up and a share counted once per index state: cheap enough for every request.
   */
  public String similarVersion(ArxivId id) {
    IndexSearcher searcher = index().acquire();
    try {
      int self = docOf(searcher, id);
      Optional<VectorTier> tier = self < 0 ? Optional.empty() : IndexVectors.tierOf(searcher.getIndexReader(), self);
      if (tier.isEmpty()) return "";
      return tier.get().id() + '@' + Basis.percent(vectorShare(searcher));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index().release(searcher);
    }
  }

  /** The paper's document in this searcher's view, or -1 when it is not indexed. */
  private static int docOf(IndexSearcher searcher, ArxivId id) throws IOException {
    TopDocs self = searcher.search(new TermQuery(new Term(PaperIndex.ID, id.value())), 1);
    return self.scoreDocs.length == 0 ? -1 : self.scoreDocs[0].doc;
  }

  @Override
  public synchronized void close() {
    if (index != null) index.close(index.usable());
    index = null;
    synchronized (embedderLock) {
      if (embedder != null) embedder.close();
      embedder = null;
    }
  }
}
