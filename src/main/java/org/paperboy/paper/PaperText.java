package org.paperboy.paper;

/**
 * Whitespace normalisation for arXiv text. arXiv hard-wraps titles and abstracts at ~80 columns and
 * marks a new paragraph by a line that starts with spaces (or a blank line); everything else stays
 * as written. Hand-written loops rather than regexes: this runs on every record of a snapshot, and
 * regex replacement was a third of the import's time when measured.
 */
public final class PaperText {
  private PaperText() {}

  /** One line: every run of whitespace becomes one space. Null stays null; blank becomes null. */
  public static String line(String text) {
    if (text == null) return null;
    StringBuilder b = new StringBuilder(text.length());
    appendCollapsed(b, text, 0, text.length());
    return b.isEmpty() ? null : b.toString();
  }

  /** Paragraphs separated by one blank line, each paragraph on one line. */
  public static String paragraphs(String text) {
    if (text == null) return null;
    StringBuilder b = new StringBuilder(text.length());
    int n = text.length();
    int paragraphStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && text.charAt(i) != '\n') continue;
      // text[..i) ends a line; a following line that is blank or indented starts a new paragraph.
      if (i < n && i + 1 < n) {
        char next = text.charAt(i + 1);
        boolean nextIndented = next == ' ' || next == '\t';
        boolean nextBlank = isBlankLine(text, i + 1);
        if ((nextIndented || nextBlank) && hasText(text, paragraphStart, i)) {
          appendParagraph(b, text, paragraphStart, i);
          paragraphStart = i + 1;
        }
      }
    }
    appendParagraph(b, text, paragraphStart, n);
    return b.toString();
  }

  private static void appendParagraph(StringBuilder b, String text, int from, int to) {
    if (!hasText(text, from, to)) return;
    if (!b.isEmpty()) b.append("\n\n");
    appendCollapsed(b, text, from, to);
  }

  private static void appendCollapsed(StringBuilder b, String text, int from, int to) {
    int start = b.length();
    boolean pendingSpace = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        pendingSpace = b.length() > start;
      } else {
        if (pendingSpace) b.append(' ');
        pendingSpace = false;
        b.append(c);
      }
    }
  }

  private static boolean hasText(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) return true;
    }
    return false;
  }

  private static boolean isBlankLine(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') return true;
      if (!Character.isWhitespace(c)) return false;
    }
    return true;
  }
}
