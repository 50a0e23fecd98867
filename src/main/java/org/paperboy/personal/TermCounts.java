package org.paperboy.personal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Words of a paper's text as the ranking counts them: the search index's English analysis (stop words
 * out, Porter stems), so "autoencoders" and "autoencoder" are one term here as in search.
 */
final class TermCounts {
  private static final Analyzer ANALYZER = new EnglishAnalyzer();

  private TermCounts() {}

  /**
   * term → how often it occurs in the text; with {@code pairs}, also each two adjacent words with no
   * stop word between them ("gaussian splat"), which name methods and tasks better than either word.
   */
  static Map<String, Integer> of(String text, boolean pairs) {
    Map<String, Integer> counts = new HashMap<>();
    try (TokenStream tokens = ANALYZER.tokenStream("text", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute step = tokens.addAttribute(PositionIncrementAttribute.class);
      tokens.reset();
      String previous = null;
      while (tokens.incrementToken()) {
        if (term.length() <= 1) {
          previous = null;
          continue;
        }
        String t = term.toString();
        counts.merge(t, 1, Integer::sum);
        if (pairs && previous != null && step.getPositionIncrement() == 1) counts.merge(previous + " " + t, 1, Integer::sum);
        previous = t;
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
