package org.paperboy.cli;

/** Turns a snippet's HTML back into terminal text: matches in bold, entities decoded. */
final class Html {
  private Html() {}

  static String toTerminal(String html) {
    return html.replace("<mark>", "\u001b[1m").replace("</mark>", "\u001b[0m")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
        .replace("&#x2F;", "/").replace("&#39;", "'").replace("&#47;", "/").replace("&amp;", "&");
  }
}
