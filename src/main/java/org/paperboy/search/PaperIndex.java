package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.StoredPaper;
import org.paperboy.support.ThreadNice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of the papers: one document per paper, derived from the store and never edited by
 * hand. It follows two cursors, the last paper change (change_seq, id) and the last embedding row it
 * has read; both live in the Lucene commit's user data, so the documents and the cursor that says how
 * far they go always commit together, and a crash at any point resumes from what was committed.
 */
public final class PaperIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PaperIndex.class);
  static final String ID = "id";
  static final String TITLE = "title";
  static final String ABSTRACT = "abstract";
  static final String AUTHORS = "authors";
  static final String CATEGORY = "cat";
  static final String PRIMARY = "primary";
  static final String PUBLISHED = "published";
  static final String SUBMITTED = "submitted";
  static final String VECTOR = "vector";
  /** Which tier the document's vector is (static, title or full), for coverage and fusion; absent without a vector. */
  static final String VECTOR_TIER = "vector_tier";
  static final String PUBLISHED_STORED = "published_day";
  static final String SUBMITTED_STORED = "submitted_day";
  /** The rest of what a result shows of the paper ({@link IndexedPaper}), stored only. */
  static final String PAPER = "paper";

  private static final String PAPER_SEQ = "paper_seq";
  private static final String PAPER_ID = "paper_id";
  private static final String VECTOR_ROW = "vector_row";
  private static final String MODEL = "model";
  private static final String SCHEMA = "schema";
  private static final String VECTOR_FORMAT = "vector_format";
  /** Bump when documents are indexed differently, so an old index is rebuilt instead of mixed. */
  private static final String SCHEMA_VERSION = "3";
  private static final int BATCH = 2_000;
  /**
   * A commit writes and syncs segment files: once per batch it was most of a rebuild's time. Between
   * commits the documents are searchable (near-real-time) but not durable; a crash re-reads them from
   * the cursor of the last commit, which is only work repeated, never anything lost.
   */
  private static final int COMMIT_EVERY_PAPERS = 100_000;
  /**
   * A following index commits at most this often: a commit syncs files, which under a busy disk took
   * seconds, and a change must be searchable on every node within five. Searches see a change as soon
   * as it is written (the searcher refreshes first); the commit only makes it survive a crash.
   */
  private static final long COMMIT_AT_MOST_EVERY_NANOS = 10_000_000_000L;
  private static final long REFRESH_DURING_A_PASS_NANOS = 30_000_000_000L;
  /**
   * Analysing and inverting the text was nine tenths of a rebuild (profiled), on one thread: a batch is
   * split between this many threads, each filling its own in-memory segment, so every core indexes.
   */
  private static final int WRITERS = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
  /** Below this a batch is written on the calling thread: a follower's few changes need no threads. */
  private static final int SPLIT_FROM = 200;
  /** Larger in-memory segments mean fewer flushes and merges; an eighth of the heap, 16 to 256 MiB. */
  private static final double RAM_BUFFER_MB = Math.clamp(Runtime.getRuntime().maxMemory() / 8.0 / (1 << 20), 16, 256);
  /** Text with offsets in the postings, so snippets come from the index instead of analysing the text again. */
  private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

  private final PaperStore papers;
  private final EmbeddingStore vectors;
  private final EmbeddingModel model;
  private final VectorFormat format;
  private final Directory directory;
  private final IndexWriter writer;
  /** Set when a write failed: see {@link #usable()}. */
  private volatile boolean failed;
  private final SearcherManager searchers;
  private final Analyzer analyzer = analyzer();
  private Cursor cursor;
  /** Papers and vectors written since the last commit, and when that commit was. */
  private int uncommitted;
  private long committedAt = System.nanoTime();

  /** How far the index has read: the store's (change_seq, id) and the embeddings' row id. */
  public record Cursor(long paperSeq, String paperId, long vectorRow) {
    static final Cursor START = new Cursor(0, "", 0);
  }

  /** What one catch-up did. */
  public record CatchUp(int papers, int vectors) {}

  public PaperIndex(Path dir, PaperStore papers, EmbeddingStore vectors, EmbeddingModel model) {
    this(dir, papers, vectors, model, VectorFormat.DEFAULT);
  }

  public PaperIndex(Path dir, PaperStore papers, EmbeddingStore vectors, EmbeddingModel model, VectorFormat format) {
    this.papers = papers;
    this.vectors = vectors;
    this.model = model;
    this.format = format;
    try {
      directory = FSDirectory.open(dir);
      Map<String, String> data = DirectoryReader.indexExists(directory)
          ? SegmentInfos.readLatestCommit(directory).getUserData() : Map.of();
      // vectors of another model cannot be searched with this one's queries, and fields indexed another
      // way cannot be mixed with new ones: either way, start again
      boolean reusable = model.id().equals(data.get(MODEL)) && SCHEMA_VERSION.equals(data.get(SCHEMA))
          && format.label().equals(data.get(VECTOR_FORMAT));
      IndexWriterConfig config = new IndexWriterConfig(analyzer);
      config.setCodec(format.codec());
      config.setRAMBufferSizeMB(RAM_BUFFER_MB);
      config.setOpenMode(reusable ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE);
      config.setMergeScheduler(new BackgroundMerges());
      writer = new IndexWriter(directory, config);
      if (!reusable) {
        cursor = Cursor.START;
      } else {
        cursor = new Cursor(Long.parseLong(data.get(PAPER_SEQ)), data.get(PAPER_ID), Long.parseLong(data.get(VECTOR_ROW)));
      }
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lucene's merges at background priority: merging segments whose HNSW graphs hold tens of thousands of
   * vectors takes the CPU for seconds at a time, and in a server the pages come first.
   */
  private static final class BackgroundMerges extends ConcurrentMergeScheduler {
    @Override
    protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
      ThreadNice.lower(ThreadNice.BACKGROUND);
      super.doMerge(mergeSource, merge);
    }

    /** Threads a merge lends work to (HNSW graphs are merged in parallel) are lowered alike. */
    @Override
    public java.util.concurrent.Executor getIntraMergeExecutor(MergePolicy.OneMerge merge) {
      java.util.concurrent.Executor lent = super.getIntraMergeExecutor(merge);
      return task -> lent.execute(() -> {
        ThreadNice.lower(ThreadNice.BACKGROUND);
        task.run();
      });
    }
  }

  /** English stemming for text; author names only lower-cased and folded, so "Müller" finds "Muller". */
  static Analyzer analyzer() {
    try {
      Analyzer names = CustomAnalyzer.builder()
          .withTokenizer("standard").addTokenFilter("lowercase").addTokenFilter("asciiFolding").build();
      return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(AUTHORS, names, ID, new KeywordAnalyzer(),
          CATEGORY, new KeywordAnalyzer(), PRIMARY, new KeywordAnalyzer()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Analyzer queryAnalyzer() {
    return analyzer;
  }

  public EmbeddingModel model() {
    return model;
  }

  public synchronized Cursor cursor() {
    return cursor;
  }

  /** Drops every document and reads the whole store again; returns once the merges it set off are done. */
  public synchronized CatchUp rebuild(LongConsumer progress) {
    try {
      writer.deleteAll();
      uncommitted++; // even an empty store's rebuild must commit its empty index with the new cursor
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException("rebuilding the search index failed: " + e.getMessage(), e);
    }
    cursor = Cursor.START;
    CatchUp done = catchUp(progress);
    // done when its merges are: at millions of papers they ran on for minutes under the first searches
    if (writer.getConfig().getMergeScheduler() instanceof ConcurrentMergeScheduler merges) merges.sync();
    return done;
  }

  /** Applies every paper change and new vector since the cursor; a new or updated paper is searchable after it returns. */
  public synchronized CatchUp catchUp() {
    return catchUp(n -> {});
  }

  public synchronized CatchUp catchUp(LongConsumer progress) {
    try {
      int paperCount = 0, vectorCount = 0;
      // paper id → the vector row its document got in this pass: a vector written while the papers were
      // read (every static vector, on a new instance) is not indexed a second time by the vectors' pass
      Map<String, Long> applied = new HashMap<>();
      long refreshedAt = System.nanoTime();
      // Into an empty index, a paper read with a change number the store had already reached when this
      // pass began is read only once (a later write gives it a higher number): it is added, not updated,
      // which spares looking its id up in every segment written so far (most of a flush at millions).
      long addUpTo = -1;
      if (cursor.paperSeq() == 0 && cursor.paperId().isEmpty()) {
        // papers read now come with their current vectors: only later vectors need the second pass
        cursor = new Cursor(0, "", vectors.lastRowId(model));
        if (writer.getDocStats().maxDoc == 0) addUpTo = papers.lastChangeSeq();
      }
      List<StoredPaper> batch;
      while (!(batch = papers.changedAfter(cursor.paperSeq(), cursor.paperId(), BATCH)).isEmpty()) {
        Map<String, EmbeddingStore.StoredVector> found =
            vectors.find(model, batch.stream().map(sp -> sp.paper().id().value()).toList());
        writeAll(batch, found, addUpTo);
        for (StoredPaper sp : batch) {
          EmbeddingStore.StoredVector v = found.get(sp.paper().id().value());
          if (v != null) applied.put(v.paperId(), v.rowId());
        }
        refreshedAt = refreshWhenLong(refreshedAt);
        StoredPaper last = batch.getLast();
        cursor = new Cursor(last.changeSeq(), last.paper().id().value(), cursor.vectorRow());
        paperCount += batch.size();
        uncommitted += batch.size();
        if (uncommitted >= COMMIT_EVERY_PAPERS) commit();
        progress.accept(batch.size());
      }
      List<EmbeddingStore.StoredVector> rows;
      while (!(rows = vectors.writtenAfter(model, cursor.vectorRow(), BATCH)).isEmpty()) {
        Map<String, Paper> byId = new HashMap<>();
        for (Paper p : papers.findAll(rows.stream().map(r -> new ArxivId(r.paperId())).toList())) {
          byId.put(p.id().value(), p);
        }
        // a paper's best vector, which need not be this row's (a quick one written after its full one)
        Map<String, EmbeddingStore.StoredVector> best = vectors.find(model, byId.keySet());
        for (Paper p : byId.values()) {
          EmbeddingStore.StoredVector v = best.get(p.id().value());
          if (v != null && applied.get(v.paperId()) instanceof Long row && row == v.rowId()) continue;
          write(p, v);
          if (v != null) applied.put(v.paperId(), v.rowId());
        }
        refreshedAt = refreshWhenLong(refreshedAt);
        cursor = new Cursor(cursor.paperSeq(), cursor.paperId(), rows.getLast().rowId());
        vectorCount += rows.size();
        uncommitted += rows.size();
      }
      // searchable first, durable second: a search need not wait for the files to be synced
      if (paperCount + vectorCount > 0) searchers.maybeRefreshBlocking();
      if (uncommitted > 0 && System.nanoTime() - committedAt >= COMMIT_AT_MOST_EVERY_NANOS) commit();
      return new CatchUp(paperCount, vectorCount);
    } catch (IOException e) {
      failed = true;
      throw new UncheckedIOException("updating the search index failed: " + e.getMessage(), e);
    }
  }

  /**
   * False once writing failed (a full disk, say): the writer may then hold half a batch, or Lucene may
   * have closed it for good (a "tragic" failure). Such an index is not written on again; see
   * {@code SearchService.write}.
   */
  public boolean usable() {
    return !failed && writer.isOpen() && writer.getTragicException() == null;
  }

  /**
   * Drops everything written since the last commit and lets go of the index's write lock, writing
   * nothing (there may be no room to): the files stay as that commit left them. Searches go on over
   * what was searchable before, until {@link #close(boolean)}.
   */
  public synchronized void stopWriting() {
    failed = true;
    try {
      writer.rollback();
    } catch (IOException | RuntimeException e) {
      LOG.debug("rolling back a failed search index", e);
    }
  }

  /**
   * A long pass (a new instance's first, at 80,000 papers: many minutes on a loaded machine) shows what
   * it has done so far every 30 s, so words and vectors become searchable as they are indexed, not
   * only when the whole store has been read.
   */
  private long refreshWhenLong(long refreshedAt) throws IOException {
    if (System.nanoTime() - refreshedAt < REFRESH_DURING_A_PASS_NANOS) return refreshedAt;
    searchers.maybeRefreshBlocking();
    return System.nanoTime();
  }

  /** A batch of papers, each read once, on {@link #WRITERS} threads when it is large. */
  private void writeAll(List<StoredPaper> batch, Map<String, EmbeddingStore.StoredVector> found, long addUpTo)
      throws IOException {
    if (WRITERS == 1 || batch.size() < SPLIT_FROM) {
      for (StoredPaper sp : batch) write(sp, found, addUpTo);
      return;
    }
    List<Future<Void>> parts = new ArrayList<>(WRITERS);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      int n = batch.size();
      for (int p = 0; p < WRITERS; p++) {
        List<StoredPaper> part = batch.subList(n * p / WRITERS, n * (p + 1) / WRITERS);
        parts.add(threads.submit(() -> {
          for (StoredPaper sp : part) write(sp, found, addUpTo);
          return null;
        }));
      }
      for (Future<Void> part : parts) part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while indexing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IOException(e.getCause());
    }
  }

  private void write(StoredPaper sp, Map<String, EmbeddingStore.StoredVector> found, long addUpTo) throws IOException {
    Paper paper = sp.paper();
    if (sp.changeSeq() <= addUpTo) {
      writer.addDocument(document(paper, current(paper, found.get(paper.id().value()))));
    } else {
      write(paper, found.get(paper.id().value()));
    }
  }

  private void write(Paper paper, EmbeddingStore.StoredVector vector) throws IOException {
    writer.updateDocument(new Term(ID, paper.id().value()), document(paper, current(paper, vector)));
  }

  /** The vector when it was embedded from the paper's current text, else null. */
  private static EmbeddingStore.StoredVector current(Paper paper, EmbeddingStore.StoredVector vector) {
    return vector != null && vector.textHash().equals(EmbeddingStore.textHash(paper)) ? vector : null;
  }

  private void commit() throws IOException {
    Map<String, String> data = Map.of(PAPER_SEQ, Long.toString(cursor.paperSeq()), PAPER_ID, cursor.paperId(),
        VECTOR_ROW, Long.toString(cursor.vectorRow()), MODEL, model.id(), SCHEMA, SCHEMA_VERSION,
        VECTOR_FORMAT, format.label());
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
    uncommitted = 0;
    committedAt = System.nanoTime();
  }

  private Document document(Paper paper, EmbeddingStore.StoredVector vector) {
    Document doc = new Document();
    doc.add(new StringField(ID, paper.id().value(), Field.Store.YES));
    doc.add(new Field(TITLE, paper.title(), TEXT_WITH_OFFSETS));
    doc.add(new Field(ABSTRACT, paper.abstractText(), TEXT_WITH_OFFSETS));
    doc.add(new StoredField(PAPER, IndexedPaper.encode(paper)));
    doc.add(new TextField(AUTHORS, authorsText(paper), Field.Store.NO));
    doc.add(new StringField(PRIMARY, paper.primaryCategory().toLowerCase(Locale.ROOT), Field.Store.NO));
    for (String c : paper.categories()) doc.add(new StringField(CATEGORY, c.toLowerCase(Locale.ROOT), Field.Store.NO));
    LocalDate published = paper.publishedOn();
    if (published != null) {
      doc.add(new LongField(PUBLISHED, published.toEpochDay(), Field.Store.NO));
      doc.add(new StoredField(PUBLISHED_STORED, published.toEpochDay()));
    }
    LocalDate submitted = paper.firstSubmitted() == null ? published
        : LocalDate.ofInstant(paper.firstSubmitted(), ZoneOffset.UTC);
    if (submitted != null) {
      doc.add(new LongField(SUBMITTED, submitted.toEpochDay(), Field.Store.NO));
      doc.add(new StoredField(SUBMITTED_STORED, submitted.toEpochDay()));
    }
    // a vector embedded from older text would place the paper where it no longer belongs: callers pass null
    if (vector != null) {
      doc.add(new KnnFloatVectorField(VECTOR, vector.vector(), VectorSimilarityFunction.DOT_PRODUCT));
      doc.add(new StringField(VECTOR_TIER, vector.tier().id(), Field.Store.NO));
    }
    return doc;
  }

  private static FieldType textWithOffsets() {
    FieldType t = new FieldType(TextField.TYPE_STORED);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }

  private static String authorsText(Paper paper) {
    if (paper.authors().isEmpty()) return paper.authorsLine();
    List<String> names = new ArrayList<>(paper.authors().size());
    for (Author a : paper.authors()) names.add(a.displayName());
    return String.join(", ", names);
  }

  /** A searcher over the latest refreshed state; give it back with {@link #release}. */
  IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Papers searchable by meaning: how many have a vector, and of which tier. */
  public record Coverage(int papers, int staticOnly, int title, int full) {
    public int withVector() {
      return staticOnly + title + full;
    }
  }

  public Coverage coverage() {
    IndexSearcher s = acquire();
    try {
      return coverage(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(s);
    }
  }

  /** The coverage as this searcher sees it. */
  static Coverage coverage(IndexSearcher s) throws IOException {
    return new Coverage(s.getIndexReader().numDocs(),
        s.count(new org.apache.lucene.search.TermQuery(new Term(VECTOR_TIER, VectorTier.STATIC.id()))),
        s.count(new org.apache.lucene.search.TermQuery(new Term(VECTOR_TIER, VectorTier.TITLE.id()))),
        s.count(new org.apache.lucene.search.TermQuery(new Term(VECTOR_TIER, VectorTier.FULL.id()))));
  }

  public int size() {
    IndexSearcher s = acquire();
    try {
      return s.getIndexReader().numDocs();
    } finally {
      release(s);
    }
  }

  @Override
  public synchronized void close() {
    close(true);
  }

  /**
   * Closes, committing what was written since the last commit when {@code commit} says so; without,
   * it is dropped and nothing is written (an index that failed, or one replaced by a fresh copy).
   * Searchers handed out earlier stay readable until released.
   */
  public synchronized void close(boolean commit) {
    try {
      if (commit && uncommitted > 0) commit();
      searchers.close();
      if (commit) writer.close();
      else writer.rollback();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
