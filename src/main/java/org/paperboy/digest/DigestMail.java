package org.paperboy.digest;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.support.HtmlText;

/**
 * Writes a digest as a mail people keep: HTML with inline styles only (mail clients drop style
 * sheets; no images, no scripts) and a plain-text part that reads well on its own; one-click
 * unsubscribe per RFC 8058 plus a visible link in the footer.
 */
public final class DigestMail {
  static final int ABSTRACT_CHARS = 320;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private DigestMail() {}

  /** The mail for a digest; {@code dedupeKey} makes it unique per subscriber and period. */
  public static OutgoingMail render(Digest d, String baseUrl, String unsubscribeUrl, String manageUrl) {
    Subscription s = d.subscription();
    String kind = s.frequency() == Subscription.Frequency.DAILY ? "daily" : "weekly";
    String date = DAY.format(d.period().lastDay().plusDays(1));
    String top = d.items().getFirst().paper().title();
    String subject = "Paperboy " + kind + ", " + date + ": " + (top.length() > 80 ? top.substring(0, 79) + "…" : top);
    return new OutgoingMail("digest:" + s.id() + ":" + d.period().key(), s.email(), subject,
        text(d, kind, date, baseUrl, unsubscribeUrl, manageUrl), html(d, kind, date, baseUrl, unsubscribeUrl, manageUrl),
        Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
            "List-Unsubscribe-Post", "List-Unsubscribe=One-Click",
            "Auto-Submitted", "auto-generated"));
  }

  static String text(Digest d, String kind, String date, String baseUrl, String unsubscribeUrl, String manageUrl) {
    StringBuilder b = new StringBuilder();
    b.append("Your ").append(kind).append(" Paperboy digest, ").append(date).append("\n\n");
    int n = 1;
    for (Digest.Item item : d.items()) {
      Paper p = item.paper();
      b.append(n++).append(". ").append(p.title()).append("\n");
      b.append("   ").append(authors(p)).append("\n");
      b.append("   ").append(item.upvotes()).append(" upvotes · ").append(item.why()).append("\n");
      b.append("   ").append(shortAbstract(p)).append("\n");
      b.append("   ").append(baseUrl).append("/papers/").append(p.id()).append("\n\n");
    }
    b.append("--\nChange what you receive: ").append(manageUrl).append("\nUnsubscribe: ").append(unsubscribeUrl).append("\n");
    return b.toString();
  }

  static String html(Digest d, String kind, String date, String baseUrl, String unsubscribeUrl, String manageUrl) {
    StringBuilder b = new StringBuilder(4096);
    b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Paperboy ").append(kind).append("</title></head>");
    b.append("<body style=\"margin:0;padding:0;background:#f6f6f4;\">");
    b.append("<div style=\"max-width:640px;margin:0 auto;padding:24px;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1d1f;\">");
    b.append("<h1 style=\"font-size:20px;margin:0 0 16px;\">Your ").append(kind).append(" Paperboy digest, ")
        .append(esc(date)).append("</h1>");
    for (Digest.Item item : d.items()) {
      Paper p = item.paper();
      String url = baseUrl + "/papers/" + p.id();
      b.append("<div style=\"background:#fff;border:1px solid #e3e3e0;border-radius:8px;padding:16px;margin:0 0 12px;\">");
      b.append("<a href=\"").append(esc(url)).append("\" style=\"font-size:17px;font-weight:600;color:#0b57d0;text-decoration:none;\">")
          .append(esc(p.title())).append("</a>");
      b.append("<div style=\"font-size:13px;color:#555;margin:4px 0;\">").append(esc(authors(p))).append("</div>");
      b.append("<div style=\"font-size:13px;color:#8a5a00;margin:4px 0;\">▲ ").append(item.upvotes()).append(" · ")
          .append(esc(item.why())).append("</div>");
      b.append("<p style=\"font-size:14px;line-height:1.45;margin:8px 0 0;\">").append(esc(shortAbstract(p))).append("</p>");
      b.append("</div>");
    }
    b.append("<p style=\"font-size:12px;color:#777;margin-top:24px;\">You receive this because you subscribed to Paperboy's ")
        .append(kind).append(" digest. <a href=\"").append(esc(manageUrl)).append("\" style=\"color:#777;\">Change what you receive</a> · ")
        .append("<a href=\"").append(esc(unsubscribeUrl)).append("\" style=\"color:#777;\">Unsubscribe</a></p>");
    b.append("</div></body></html>");
    return b.toString();
  }

  static String authors(Paper p) {
    var names = p.authors().stream().map(Author::displayName).toList();
    if (names.isEmpty()) return p.authorsLine();
    return names.size() > 4 ? String.join(", ", names.subList(0, 3)) + " et al." : String.join(", ", names);
  }

  /** The abstract's start, cut at a word, for a mail that is scanned rather than read. */
  static String shortAbstract(Paper p) {
    String a = p.abstractText().replace("\n\n", " ");
    if (a.length() <= ABSTRACT_CHARS) return a;
    int cut = a.lastIndexOf(' ', ABSTRACT_CHARS);
    return a.substring(0, cut > 0 ? cut : ABSTRACT_CHARS) + " …";
  }

  static String esc(String s) {
    return HtmlText.escape(s);
  }
}
