package org.paperboy.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Splits an arXiv authors line into ordered names when the source did not parse it for us. */
public final class AuthorNames {
  private static final Pattern SEPARATORS = Pattern.compile("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*;\\s*");
  private static final Pattern AFFILIATION = Pattern.compile("\\([^()]*\\)");
  private static final Set<String> SUFFIXES = Set.of("jr", "jr.", "sr", "sr.", "ii", "iii", "iv");

  private AuthorNames() {}

  public static List<Author> parse(String line) {
    List<Author> authors = new ArrayList<>();
    if (line == null || line.isBlank()) return authors;
    String cleaned = AFFILIATION.matcher(line).replaceAll(" ");
    for (String piece : SEPARATORS.split(cleaned.strip())) {
      String name = PaperText.line(piece);
      if (name == null) continue;
      // "Waldyr A. Rodrigues, Jr" puts the suffix after a comma: attach it to the name before.
      if (SUFFIXES.contains(name.toLowerCase(java.util.Locale.ROOT)) && !authors.isEmpty()) {
        Author last = authors.removeLast();
        authors.add(new Author(last.lastName(), last.firstNames(), name));
        continue;
      }
      authors.add(split(name));
    }
    return authors;
  }

  private static Author split(String name) {
    String[] words = name.split(" ");
    int end = words.length;
    String suffix = "";
    if (end > 1 && SUFFIXES.contains(words[end - 1].toLowerCase(java.util.Locale.ROOT))) {
      suffix = words[--end];
    }
    String last = words[end - 1];
    String first = String.join(" ", java.util.Arrays.copyOfRange(words, 0, end - 1));
    return new Author(last, first, suffix);
  }
}
