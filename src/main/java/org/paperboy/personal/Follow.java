package org.paperboy.personal;

import java.util.Locale;
import org.paperboy.support.Refusal;

/**
 * Something a member follows: an author (target = the name as printed), a category (cs.CL) or a saved
 * search (target = the query; {@code mode} and {@code category} its filters, empty when unset).
 *
 * @param generation raised when the member revokes the feed link, so old links stop working
 */
public record Follow(long id, long ownerId, Kind kind, String target, String mode, String category, int generation,
    boolean inDigest) {
  public enum Kind {
    AUTHOR, CATEGORY, SEARCH;

    public String dbValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw Refusal.badInput("kind: follow an author, a category or a search, not '" + text + "'");
      }
    }
  }

  /** How the follow reads in a list and in a "why" line. */
  public String label() {
    return switch (kind) {
      case AUTHOR -> target;
      case CATEGORY -> target;
      case SEARCH -> "“" + target + "”" + (category.isEmpty() ? "" : " in " + category);
    };
  }

  /** The "why" line of a paper this follow brought. */
  public String why() {
    return switch (kind) {
      case AUTHOR -> "by " + target + ", whom you follow";
      case CATEGORY -> "new in " + target + ", which you follow";
      case SEARCH -> "matches your search " + label();
    };
  }
}
