package org.paperboy.support;

/** A count with its noun, the one way every line a person reads says "1 comment" and "2 comments". */
public final class Plural {
  private Plural() {}

  /** {@code of(1, "comment")} is "1 comment", {@code of(2, "comment")} "2 comments" (nouns that take an s). */
  public static String of(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
