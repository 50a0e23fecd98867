package org.paperboy.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.paperboy.support.Refusal;
import org.paperboy.support.UserText;

/**
 * What a person typed, understood: bare words rank (any of them may match), while quotes, field
 * prefixes ({@code ti: au: abs: cat:}) and {@code -word} constrain — in every mode, so a quoted phrase
 * also restricts semantic results. Lucene's own query parser is not used because its syntax errors
 * ({@code AND}, brackets, {@code ~}) are not ones a reader of papers should meet.
 *
 * @param ranking bare words over title, abstract and authors (null when there are none)
 * @param constraints what every result must satisfy (phrases, prefixed words, exclusions, categories)
 * @param highlight the positive words and phrases, for snippets
 * @param semanticText the words that say what the papers are about, for the embedding (may be empty)
 */
public record UserQuery(Query ranking, List<Constraint> constraints, Query highlight, String semanticText) {
  public static final int MAX_LENGTH = 500;

  /** A clause every hit must satisfy; {@code scores} tells whether it should also add to the BM25 score. */
  public record Constraint(Query query, Occur occur, boolean scores) {}

  /** How much a match in each field counts, relative to the abstract. */
  public record Boosts(float title, float abstractText, float authors) {
    public static final Boosts DEFAULT = new Boosts(1.0f, 1.0f, 1.0f);
  }

  /** Parses the search syntax; throws {@link org.paperboy.support.Refusal} with a message a user can act on. */
  public static UserQuery parse(String text, Analyzer analyzer, Boosts boosts) {
    return parse(text, analyzer, boosts, true);
  }

  /** {@code syntax=false} reads everything as bare words: benchmark queries are prose, not syntax. */
  public static UserQuery parse(String text, Analyzer analyzer, Boosts boosts, boolean syntax) {
    text = UserText.clean(text, false);
    if (text == null || text.isBlank()) throw Refusal.badInput("the query is empty: type a few words");
    if (text.length() > MAX_LENGTH) {
      throw Refusal.badInput("the query is too long (" + text.length() + " characters; at most " + MAX_LENGTH + ")");
    }
    QueryBuilder builder = new QueryBuilder(analyzer);
    StringBuilder bare = new StringBuilder();
    StringBuilder semantic = new StringBuilder();
    List<Constraint> constraints = new ArrayList<>();
    BooleanQuery.Builder highlight = new BooleanQuery.Builder();
    boolean positive = false;

    for (Token t : syntax ? tokenize(text) : List.of(new Token(false, null, text, false))) {
      if (t.field == null && !t.quoted && !t.negated) {
        bare.append(t.text).append(' ');
        semantic.append(t.text).append(' ');
        continue;
      }
      Query q = fieldQuery(builder, t, boosts);
      if (q == null) continue; // only stop words inside quotes or after a prefix: nothing to require
      if (t.negated) {
        constraints.add(new Constraint(q, Occur.MUST_NOT, false));
        continue;
      }
      boolean isCategory = "cat".equals(t.field);
      constraints.add(new Constraint(q, isCategory ? Occur.FILTER : Occur.MUST, !isCategory));
      if (!isCategory) {
        positive = true;
        highlight.add(q, Occur.SHOULD);
        if (!"au".equals(t.field)) semantic.append(t.text).append(' ');
      }
    }

    Query ranking = null;
    if (!bare.isEmpty()) {
      ranking = acrossFields(builder, bare.toString(), boosts, false);
      if (ranking != null) {
        positive = true;
        highlight.add(ranking, Occur.SHOULD);
      }
    }
    if (!positive) {
      boolean onlyFilters = !constraints.isEmpty();
      if (!onlyFilters) {
        throw Refusal.badInput("the query has only very common words (like 'the', 'of'): add a word that says what you look for,"
            + " or au:NAME for an author");
      }
      // "-word" or "cat:cs.CL" alone: every paper that passes, newest ranking left to the sort
      ranking = new MatchAllDocsQuery();
    }
    return new UserQuery(ranking, List.copyOf(constraints), highlight.build(), semantic.toString().strip());
  }

  private static Query fieldQuery(QueryBuilder builder, Token t, Boosts boosts) {
    if (t.field == null) return acrossFields(builder, t.text, boosts, t.quoted);
    return switch (t.field) {
      case "ti" -> single(builder, PaperIndex.TITLE, t);
      case "abs" -> single(builder, PaperIndex.ABSTRACT, t);
      case "au" -> {
        // a name is a phrase even unquoted, so "au:hinton" and au:"geoffrey hinton" both work
        Query q = builder.createPhraseQuery(PaperIndex.AUTHORS, t.text);
        yield q;
      }
      case "cat" -> category(t.text);
      default -> throw new IllegalStateException(t.field);
    };
  }

  private static Query single(QueryBuilder builder, String field, Token t) {
    return t.quoted ? builder.createPhraseQuery(field, t.text) : builder.createBooleanQuery(field, t.text, Occur.MUST);
  }

  /** cat:cs.CL is one category; cat:cs is every category of the archive. */
  private static Query category(String value) {
    String c = value.toLowerCase(Locale.ROOT).replace("*", "");
    if (c.isEmpty()) return null;
    if (c.contains(".")) return new TermQuery(new Term(PaperIndex.CATEGORY, c));
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(PaperIndex.CATEGORY, c)), Occur.SHOULD)
        .add(new PrefixQuery(new Term(PaperIndex.CATEGORY, c + ".")), Occur.SHOULD)
        .build();
  }

  /** The same words in title, abstract and authors, each field's score weighted and summed. */
  private static Query acrossFields(QueryBuilder builder, String text, Boosts boosts, boolean phrase) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    clauses += add(b, phrase ? builder.createPhraseQuery(PaperIndex.TITLE, text)
        : builder.createBooleanQuery(PaperIndex.TITLE, text), boosts.title());
    clauses += add(b, phrase ? builder.createPhraseQuery(PaperIndex.ABSTRACT, text)
        : builder.createBooleanQuery(PaperIndex.ABSTRACT, text), boosts.abstractText());
    // names keep every word (an author may be called An), so "the of and" would match authors lines
    // alone; words with no meaning in the text are treated as no words at all
    if (clauses == 0) return null;
    add(b, phrase ? builder.createPhraseQuery(PaperIndex.AUTHORS, text)
        : builder.createBooleanQuery(PaperIndex.AUTHORS, text), boosts.authors());
    return b.build();
  }

  private static int add(BooleanQuery.Builder b, Query q, float boost) {
    if (q == null || boost <= 0) return 0;
    b.add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
    return 1;
  }

  // ---------------------------------------------------------------- tokens

  private static final List<String> FIELDS = List.of("ti", "au", "abs", "cat");

  private record Token(boolean negated, String field, String text, boolean quoted) {}

  /**
   * Splits on spaces, keeping quoted runs together. A quote left open runs to the end (what the person
   * most likely meant); a prefix is letters then a colon right before a word, so "ratio 3:1" and
   * "COVID-19: a review" stay words.
   */
  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0, n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      if (i >= n) break;
      boolean negated = false;
      if (text.charAt(i) == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
        negated = true;
        i++;
      }
      String field = null;
      int colon = i;
      while (colon < n && Character.isLetter(text.charAt(colon))) colon++;
      if (colon > i && colon + 1 < n && text.charAt(colon) == ':' && !Character.isWhitespace(text.charAt(colon + 1))) {
        String name = text.substring(i, colon).toLowerCase(Locale.ROOT);
        if (!FIELDS.contains(name)) {
          throw Refusal.badInput("unknown field '" + text.substring(i, colon + 1)
              + "': use ti: (title), au: (author), abs: (abstract) or cat: (category)");
        }
        field = name;
        i = colon + 1;
      }
      if (i < n && text.charAt(i) == '"') {
        int close = text.indexOf('"', i + 1);
        int end = close < 0 ? n : close;
        String phrase = text.substring(i + 1, end).strip();
        if (!phrase.isEmpty()) tokens.add(new Token(negated, field, phrase, true));
        i = close < 0 ? n : close + 1;
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
        String word = text.substring(start, i).replace("\"", "");
        if (!word.isEmpty()) tokens.add(new Token(negated, field, word, false));
      }
    }
    return tokens;
  }
}
