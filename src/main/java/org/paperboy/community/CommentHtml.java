package org.paperboy.community;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.support.HtmlText;

/**
 * Turns a comment's plain text into safe HTML: everything escaped, line breaks kept, and http(s)
 * links made clickable with {@code rel="nofollow ugc noopener"} (user-generated, and never trusted).
 */
public final class CommentHtml {
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+[^\\s<>\"'.,;:!?)\\]]");

  private CommentHtml() {}

  public static String render(String text) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    Matcher m = URL.matcher(text);
    int at = 0;
    while (m.find()) {
      HtmlText.escape(out, text, at, m.start());
      String url = m.group();
      out.append("<a href=\"");
      HtmlText.escape(out, url, 0, url.length());
      out.append("\" rel=\"nofollow ugc noopener\" target=\"_blank\">");
      HtmlText.escape(out, url, 0, url.length());
      out.append("</a>");
      at = m.end();
    }
    HtmlText.escape(out, text, at, text.length());
    return out.toString().replace("\n", "<br>\n");
  }

}
