package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Highlighted title and abstract passages as HTML: Lucene's formatter escapes every character of the
 * paper's text ({@code <}, {@code &}, quotes) and adds only its own {@code <mark>} tags, so the result can
 * go into a page as is. An abstract without a match shows its opening sentences instead. Offsets come
 * from the postings (no re-analysis), both fields in one pass, and words are marked one by one rather
 * than as whole phrase matches: this was the slowest step of a keyword search, and these two choices
 * cut it by a third. The texts are the ones the caller already read from the documents, not read again.
 */
final class Snippets {
  private static final int ABSTRACT_PASSAGES = 2;
  private static final String[] FIELDS = {PaperIndex.TITLE, PaperIndex.ABSTRACT};
  private static final int[] PASSAGES = {1, ABSTRACT_PASSAGES};

  private Snippets() {}

  /**
   * @param texts per document, its {title, abstract} as stored
   * @return per document, {title html, abstract html}
   */
  static String[][] highlight(IndexSearcher searcher, Analyzer analyzer, Query query, int[] docs, String[][] texts) {
    if (docs.length == 0) return new String[0][];
    try {
      UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
          .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
          .withWeightMatches(false);
      Map<Integer, String[]> byDoc = new HashMap<>(docs.length * 2);
      for (int i = 0; i < docs.length; i++) byDoc.put(docs[i], texts[i]);
      Map<String, String[]> found = new TitleAndAbstract(builder, byDoc).highlightFields(FIELDS, query, docs, PASSAGES);
      String[] titles = found.get(PaperIndex.TITLE), abstracts = found.get(PaperIndex.ABSTRACT);
      String[][] out = new String[docs.length][];
      for (int i = 0; i < docs.length; i++) out[i] = new String[] {orEmpty(titles[i]), orEmpty(abstracts[i])};
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole title as one passage; the abstract cut at sentences, its opening when nothing matches. */
  private static final class TitleAndAbstract extends UnifiedHighlighter {
    private final Map<Integer, String[]> texts;

    TitleAndAbstract(Builder builder, Map<Integer, String[]> texts) {
      super(builder);
      this.texts = texts;
    }

    /** The texts the caller read: reading every document's stored fields again was a twentieth of a search. */
    @Override
    protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
        throws IOException {
      List<CharSequence[]> out = new ArrayList<>();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        String[] text = texts.get(doc);
        CharSequence[] values = new CharSequence[fields.length];
        for (int f = 0; f < fields.length; f++) values[f] = PaperIndex.TITLE.equals(fields[f]) ? text[0] : text[1];
        out.add(values);
      }
      return out;
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
      return PaperIndex.TITLE.equals(field) ? new WholeBreakIterator() : BreakIterator.getSentenceInstance(Locale.ROOT);
    }

    @Override
    protected int getMaxNoHighlightPassages(String field) {
      return PaperIndex.TITLE.equals(field) ? 1 : ABSTRACT_PASSAGES;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
