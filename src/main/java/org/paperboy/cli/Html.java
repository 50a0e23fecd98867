package org.paperboy.cli;

/**
 * Turns a snippet's HTML back into plain text, entities decoded: matches in bold on a terminal, and no
 * escape codes at all when the output goes to a file or a pipe (or {@code NO_COLOR} is set).
 */
final class Html {
  private Html() {}

  /** Whether stdout is a terminal that should get bold matches. */
  static boolean boldOnTerminal() {
    java.io.Console console = System.console();
    String noColor = System.getenv("NO_COLOR");
    return console != null && console.isTerminal() && (noColor == null || noColor.isEmpty());
  }

  static String toText(String html, boolean bold) {
    return html.replace("<mark>", bold ? "\u001b[1m" : "").replace("</mark>", bold ? "\u001b[0m" : "")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
        .replace("&#x2F;", "/").replace("&#39;", "'").replace("&#47;", "/").replace("&amp;", "&");
  }
}
