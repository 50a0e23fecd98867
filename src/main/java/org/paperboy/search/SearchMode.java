package org.paperboy.search;

import java.util.Locale;
import org.paperboy.support.Refusal;

/** How results are found: by words (BM25), by meaning (embeddings), or both fused (the default). */
public enum SearchMode {
  BM25, SEMANTIC, HYBRID;

  public static SearchMode parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badInput("unknown search mode '" + name + "': use bm25, semantic or hybrid");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
