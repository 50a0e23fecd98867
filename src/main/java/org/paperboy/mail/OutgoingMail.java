package org.paperboy.mail;

import java.util.Map;
import java.util.Objects;

/**
 * A mail to send. {@code dedupeKey} names what the mail is for (a sign-in link, a digest of one
 * period for one subscriber): a second mail under the same key is never queued.
 *
 * @param html null for a text-only mail; otherwise the mail is multipart/alternative
 * @param headers extra headers, e.g. List-Unsubscribe
 * @param secret what stands for {@link #SECRET} in the text (a sign-in token): kept apart from the body
 *     and erased from the store once the mail is delivered or given up, so a copy of the store holds no
 *     usable link; null for none
 */
public record OutgoingMail(String dedupeKey, String to, String subject, String text, String html,
    Map<String, String> headers, String secret) {
  /** Where the secret goes in the text and HTML. */
  public static final String SECRET = "{{secret}}";

  public OutgoingMail {
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    headers = Map.copyOf(headers);
  }

  public OutgoingMail(String dedupeKey, String to, String subject, String text, String html, Map<String, String> headers) {
    this(dedupeKey, to, subject, text, html, headers, null);
  }

  public static OutgoingMail text(String dedupeKey, String to, String subject, String text) {
    return new OutgoingMail(dedupeKey, to, subject, text, null, Map.of());
  }

  /** A text mail whose {@link #SECRET} placeholder is filled in only when it is sent. */
  public static OutgoingMail withSecret(String dedupeKey, String to, String subject, String text, String secret) {
    return new OutgoingMail(dedupeKey, to, subject, text, null, Map.of(), Objects.requireNonNull(secret, "secret"));
  }

  /** The mail as it goes out: the secret in its place. */
  public OutgoingMail revealed() {
    if (secret == null) return this;
    return new OutgoingMail(dedupeKey, to, subject, text.replace(SECRET, secret), html == null ? null : html.replace(SECRET, secret),
        headers, null);
  }
}
