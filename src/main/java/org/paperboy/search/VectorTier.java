package org.paperboy.search;

import java.util.Locale;
import org.paperboy.support.Refusal;

/**
 * How much of a paper's text a vector read. Both tiers come from the same model and the same text
 * (title, then abstract), so they live in one vector space and a query compares with either; the
 * quick tier only cuts the text after its first {@link #maxTokens} tokens, which is the title and
 * about the opening sentence. Search uses a paper's full vector once it has one.
 */
public enum VectorTier {
  /** Cheap: every paper has one within minutes of arriving. Cut chosen on SciFact (see the README). */
  TITLE("title", 64),
  /** The whole title and abstract, up to the model's limit. */
  FULL("full", Integer.MAX_VALUE);

  private final String id;
  private final int maxTokens;

  VectorTier(String id, int maxTokens) {
    this.id = id;
    this.maxTokens = maxTokens;
  }

  /** The name stored beside each vector and accepted on the command line. */
  public String id() {
    return id;
  }

  /** Where this tier cuts a text for this model. */
  public int maxTokens(EmbeddingModel model) {
    return Math.min(maxTokens, model.maxTokens());
  }

  public static VectorTier parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (VectorTier t : values()) {
      if (t.id.equals(n)) return t;
    }
    throw Refusal.badInput("unknown vector tier '" + name + "': use title or full");
  }
}
