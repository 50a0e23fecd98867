package org.paperboy.support;

/** Escapes text for HTML element content and quoted attribute values: the five characters that matter. */
public final class HtmlText {
  private HtmlText() {}

  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    escape(out, s, 0, s.length());
    return out.toString();
  }

  public static void escape(StringBuilder out, String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }
}
