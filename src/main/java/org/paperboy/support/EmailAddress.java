package org.paperboy.support;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one form an e-mail address is stored and compared in: trimmed, lower-cased, and shaped like an
 * address a mail server accepts — a dot-atom local part (no quoted strings, no leading, trailing or
 * doubled dots, at most 64 characters) at a domain name of two or more labels whose last is not a
 * number (an internationalised domain is kept in its ASCII form). Anything else is not an address here.
 */
public final class EmailAddress {
  private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private EmailAddress() {}

  /** The normalised address, or empty when the text is not an address. */
  public static Optional<String> normalise(String text) {
    String e = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    int at = e.lastIndexOf('@');
    if (at < 1 || at > 64 || e.length() > 254) return Optional.empty();
    String local = e.substring(0, at);
    if (!LOCAL.matcher(local).matches()) return Optional.empty();
    String domain;
    try {
      domain = IDN.toASCII(e.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notADomain) {
      return Optional.empty();
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2 || domain.length() > 253) return Optional.empty();
    for (String label : labels) if (!LABEL.matcher(label).matches()) return Optional.empty();
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) return Optional.empty();
    String address = local + "@" + domain;
    return address.length() > 254 ? Optional.empty() : Optional.of(address);
  }

  /** The normalised address, or a refusal (bad input) quoting the text that is not one. */
  public static String require(String text) {
    return normalise(text).orElseThrow(() -> Refusal.badInput("'" + (text == null ? "" : text.strip())
        + "' is not an email address"));
  }
}
