package org.paperboy.search;

import java.util.Locale;
import java.util.Optional;
import org.paperboy.support.Refusal;

/** How results are found: by words (BM25), by meaning (embeddings), or both fused (the default). */
public enum SearchMode {
  BM25, SEMANTIC, HYBRID;

  /**
   * The mode a URL, a flag or a saved search names. The search form labels the modes "keywords" and
   * "meaning", so a member who types what they read into a URL is understood too.
   */
  public static SearchMode parse(String name) {
    return named(name).orElseThrow(() -> Refusal.badInput(
        "unknown search mode '" + name + "': use bm25 (keywords), semantic (meaning) or hybrid"));
  }

  /** The mode {@code name} names, if any: {@link #parse} without the refusal. */
  public static Optional<SearchMode> named(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "bm25", "keywords", "words" -> Optional.of(BM25);
      case "semantic", "meaning" -> Optional.of(SEMANTIC);
      case "hybrid" -> Optional.of(HYBRID);
      default -> Optional.empty();
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
