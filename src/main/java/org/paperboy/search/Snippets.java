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
 * go into a page as is. An abstract without a match shows its opening sentences instead.
 */
final class Snippets {
  private static final int ABSTRACT_PASSAGES = 2;

  private Snippets() {}

  /** @return per document, {title html, abstract html} */
  static String[][] highlight(IndexSearcher searcher, Analyzer analyzer, Query query, int[] docs) {
    if (docs.length == 0) return new String[0][];
    try {
      DefaultPassageFormatter formatter = new DefaultPassageFormatter("<mark>", "</mark>", " … ", true);
      UnifiedHighlighter titles = UnifiedHighlighter.builder(searcher, analyzer)
          .withFormatter(formatter).withBreakIterator(WholeBreakIterator::new).withMaxNoHighlightPassages(1).build();
      UnifiedHighlighter abstracts = UnifiedHighlighter.builder(searcher, analyzer)
          .withFormatter(formatter).withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
          .withMaxNoHighlightPassages(ABSTRACT_PASSAGES).build();
      Map<String, String[]> t = titles.highlightFields(new String[] {PaperIndex.TITLE}, query, docs, new int[] {1});
      Map<String, String[]> a = abstracts.highlightFields(new String[] {PaperIndex.ABSTRACT}, query, docs,
          new int[] {ABSTRACT_PASSAGES});
      String[][] out = new String[docs.length][];
      for (int i = 0; i < docs.length; i++) {
        out[i] = new String[] {orEmpty(t.get(PaperIndex.TITLE)[i]), orEmpty(a.get(PaperIndex.ABSTRACT)[i])};
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
