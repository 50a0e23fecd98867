package org.paperboy.paper;

import java.util.regex.Pattern;

/**
 * Whitespace normalisation for arXiv text. arXiv hard-wraps titles and abstracts at ~80 columns and
 * marks a new paragraph by a line that starts with spaces; everything else stays as written.
 */
public final class PaperText {
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]+(?=\\S)|\\n\\s*\\n");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private PaperText() {}

  /** One line: every run of whitespace becomes one space. Null stays null; blank becomes null. */
  public static String line(String text) {
    if (text == null) return null;
    String s = SPACES.matcher(text.strip()).replaceAll(" ");
    return s.isEmpty() ? null : s;
  }

  /** Paragraphs separated by one blank line, each paragraph on one line. */
  public static String paragraphs(String text) {
    if (text == null) return null;
    String[] parts = PARAGRAPH_BREAK.split(text.strip());
    StringBuilder b = new StringBuilder(text.length());
    for (String part : parts) {
      String p = line(part);
      if (p == null) continue;
      if (!b.isEmpty()) b.append("\n\n");
      b.append(p);
    }
    return b.toString();
  }
}
