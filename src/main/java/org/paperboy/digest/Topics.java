package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.paperboy.paper.Paper;
import org.paperboy.support.Refusal;
import org.paperboy.support.UserText;

/**
 * What a subscriber wants: categories (any of a paper's categories matches; none = all), keywords
 * (whole words or phrases in the title or abstract), a free-text interest (matched by meaning, see
 * {@link InterestMatcher}) and words that exclude a paper.
 */
public record Topics(List<String> categories, List<String> keywords, String interest, List<String> excluded) {
  static final int MAX_TERMS = 20;
  static final int MAX_INTEREST = 300;
  /** A keyword or a word to leave out, in characters. */
  static final int MAX_TERM = 100;
  /** A whole list as typed, in characters: what the form's fields allow. */
  static final int MAX_FIELD = 1000;
  private static final Pattern CATEGORY = Pattern.compile("[a-z\\-]+(\\.[A-Za-z\\-]+)?");

  public Topics {
    categories = List.copyOf(categories);
    keywords = List.copyOf(keywords);
    excluded = List.copyOf(excluded);
    interest = interest == null ? "" : interest.strip();
  }

  public static final Topics ALL = new Topics(List.of(), List.of(), "", List.of());

  /** Parses the form's fields; categories split on spaces or commas, keyword lists on commas or new lines. */
  public static Topics parse(String categories, String keywords, String interest, String excluded) {
    categories = UserText.bounded("the categories", categories, MAX_FIELD, false);
    keywords = UserText.bounded("the keywords", keywords, MAX_FIELD, true);
    excluded = UserText.bounded("the words to leave out", excluded, MAX_FIELD, true);
    List<String> cats = split(categories, "[\\s,]+");
    for (String c : cats) {
      if (!CATEGORY.matcher(c).matches()) throw Refusal.badInput("'" + c + "' is not an arXiv category (e.g. cs.CL)");
    }
    List<String> kw = split(keywords, "[,\\n]+");
    List<String> ex = split(excluded, "[,\\n]+");
    String in = UserText.clean(interest == null ? "" : interest, false).strip();
    if (cats.size() > MAX_TERMS || kw.size() > MAX_TERMS || ex.size() > MAX_TERMS) {
      throw Refusal.badInput("at most " + MAX_TERMS + " categories, keywords or excluded words each");
    }
    if (in.length() > MAX_INTEREST) throw Refusal.badInput("the interest may be at most " + MAX_INTEREST + " characters");
    for (String k : kw) if (k.length() > MAX_TERM) throw Refusal.badInput("keyword '" + k.substring(0, 20) + "…' is too long");
    for (String x : ex) {
      if (x.length() > MAX_TERM) throw Refusal.badInput("the word to leave out '" + x.substring(0, 20) + "…' is too long");
    }
    return new Topics(cats, kw, in, ex);
  }

  private static List<String> split(String text, String separators) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    for (String part : text.strip().split(separators)) {
      String p = part.strip();
      if (!p.isEmpty() && !out.contains(p)) out.add(p);
    }
    return out;
  }

  public boolean narrowed() {
    return !categories.isEmpty() || !keywords.isEmpty() || !interest.isEmpty();
  }

  public boolean inCategories(Paper p) {
    return categories.isEmpty() || p.categories().stream().anyMatch(categories::contains);
  }

  /** The first keyword the paper mentions, or null. */
  public String keywordIn(Paper p) {
    for (String k : keywords) if (mentions(p, k)) return k;
    return null;
  }

  /** The first excluded word the paper mentions, or null. */
  public String exclusionIn(Paper p) {
    for (String x : excluded) if (mentions(p, x)) return x;
    return null;
  }

  /** Case-insensitive, on word boundaries: "attention" does not match "inattention". */
  static boolean mentions(Paper p, String phrase) {
    String needle = phrase.toLowerCase(Locale.ROOT);
    return containsWord(p.title().toLowerCase(Locale.ROOT), needle) || containsWord(p.abstractText().toLowerCase(Locale.ROOT), needle);
  }

  private static boolean containsWord(String hay, String needle) {
    for (int at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
      boolean startOk = at == 0 || !Character.isLetterOrDigit(hay.charAt(at - 1));
      int end = at + needle.length();
      // a plural or -s form still counts: "transformer" matches "transformers"
      boolean endOk = end == hay.length() || !Character.isLetterOrDigit(hay.charAt(end))
          || (hay.charAt(end) == 's' && (end + 1 == hay.length() || !Character.isLetterOrDigit(hay.charAt(end + 1))));
      if (startOk && endOk) return true;
    }
    return false;
  }

  public String categoriesText() {
    return String.join(" ", categories);
  }

  public String keywordsText() {
    return String.join("\n", keywords);
  }

  public String excludedText() {
    return String.join("\n", excluded);
  }
}
