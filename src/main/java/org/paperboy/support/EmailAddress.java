package org.paperboy.support;

import java.util.Locale;
import java.util.Optional;

/** The one form an e-mail address is stored and compared in: trimmed, lower-cased, plausibly deliverable. */
public final class EmailAddress {
  private EmailAddress() {}

  /** The normalised address, or empty when the text is not an address. */
  public static Optional<String> normalise(String text) {
    String e = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    int at = e.indexOf('@');
    if (e.length() > 254 || at < 1 || at != e.lastIndexOf('@') || at == e.length() - 1 || !e.substring(at).contains(".")
        || e.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',')) {
      return Optional.empty();
    }
    return Optional.of(e);
  }

  /** The normalised address, or a refusal (bad input) quoting the text that is not one. */
  public static String require(String text) {
    return normalise(text).orElseThrow(() -> Refusal.badInput("'" + (text == null ? "" : text.strip())
        + "' is not an email address"));
  }
}
