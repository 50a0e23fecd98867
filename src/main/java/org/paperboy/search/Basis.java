package org.paperboy.search;

import java.util.Locale;

/**
 * What a result list was ranked by, said honestly: by words, by meaning, or both, and how much of the
 * corpus the meaning part could see. While vectors are being computed only part of the corpus has one,
 * and a list ranked by meaning then says so ("meaning: 12% of papers so far").
 *
 * @param vectorShare the share of indexed papers that have a vector, 0..1
 * @param note one line for people, empty when there is nothing to add to the mode itself
 */
public record Basis(Kind kind, double vectorShare, String note) {
  public enum Kind {
    WORDS("words"), MEANING("meaning"), WORDS_AND_MEANING("words+meaning");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name in the API: {@code words}, {@code meaning} or {@code words+meaning}. */
    public String label() {
      return label;
    }
  }

  /** Ranked by words because that was asked for. */
  static Basis wordsAsAsked(double share) {
    return new Basis(Kind.WORDS, share, "");
  }

  /** Ranked by words although meaning was asked for, with the reason. */
  static Basis wordsInstead(double share, String why) {
    return new Basis(Kind.WORDS, share, "ranked by words only: " + why);
  }

  static Basis meaning(Kind kind, double share) {
    return new Basis(kind, share, share >= 1 ? "" : "meaning: " + percent(share) + " of papers so far");
  }

  /** The basis as a line for people: "ranked by meaning (meaning: 12% of papers so far)". */
  public String describe() {
    String line;
    if (kind == Kind.WORDS) {
      line = note.isEmpty() ? "ranked by words" : note;
    } else {
      String by = kind == Kind.MEANING ? "ranked by meaning" : "ranked by words and meaning";
      line = note.isEmpty() ? by : by + " (" + note + ")";
    }
    return Character.toUpperCase(line.charAt(0)) + line.substring(1);
  }

  /** Whole percent, rounded down so a nearly complete corpus never reads as complete. */
  static String percent(double share) {
    if (share > 0 && share < 0.01) return "under 1%";
    return String.format(Locale.ROOT, "%d%%", (int) Math.floor(share * 100));
  }
}
