package org.paperboy.mail;

import java.util.Map;
import java.util.Objects;

/**
 * A mail to send. {@code dedupeKey} names what the mail is for (a sign-in link, a digest of one
 * period for one subscriber): a second mail under the same key is never queued.
 *
 * @param html null for a text-only mail; otherwise the mail is multipart/alternative
 * @param headers extra headers, e.g. List-Unsubscribe
 */
public record OutgoingMail(String dedupeKey, String to, String subject, String text, String html,
    Map<String, String> headers) {
  public OutgoingMail {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    headers = Map.copyOf(headers);
  }

  public static OutgoingMail text(String dedupeKey, String to, String subject, String text) {
    return new OutgoingMail(dedupeKey, to, subject, text, null, Map.of());
  }
}
