package org.paperboy.support;

/**
 * Text people type (names, comments, topics, queries), made fit to keep and to show: control characters
 * (NUL, U+0001…, DEL, the C1 range) and the bidirectional embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069, which can make a name read backwards) are taken out, as are
 * noncharacters and broken surrogate pairs; then the text is trimmed and bounded.
 */
public final class UserText {
  private UserText() {}

  /**
   * The text without the characters above. A single-line field turns tabs and line breaks into spaces;
   * a multi-line one keeps tabs and line breaks (as \n).
   */
  public static String clean(String text, boolean multiline) {
    if (text == null) return null;
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\r') {
        if (!multiline) out.append(' ');
        else if (i >= text.length() || text.charAt(i) != '\n') out.append('\n'); // a lone CR ends a line too
      } else if (cp == '\n' || cp == '\t') {
        out.append(multiline ? (char) cp : ' ');
      } else if (!unwanted(cp)) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * {@link #clean}ed and trimmed; refused when longer than {@code max} characters, naming the field.
   *
   * @param field how the user knows the field ("the display name"), for the refusal
   */
  public static String bounded(String field, String text, int max, boolean multiline) {
    String t = text == null ? "" : clean(text, multiline).strip();
    if (t.length() > max) {
      throw Refusal.badInput(field + " may be at most " + max + " characters; this one has " + t.length());
    }
    return t;
  }

  /** Text for XML 1.0: what {@link #clean} takes out, and whatever else XML cannot hold, left out. */
  public static String forXml(String text) {
    return text == null ? null : clean(text, true);
  }

  static boolean unwanted(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.SURROGATE || type == Character.UNASSIGNED && isNoncharacter(cp)
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  }
}
