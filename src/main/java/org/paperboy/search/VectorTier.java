package org.paperboy.search;

import java.util.Locale;
import org.paperboy.support.Refusal;

/**
 * How a paper's vector was made. Every tier comes from the same model and the same text (title, then
 * abstract), so they live in one vector space and a query compares with any; the static tier averages
 * the model's vectors of the text's tokens ({@link StaticVectors}: no model run per paper), the quick
 * tier runs the model over the text cut after its first {@link #maxTokens} tokens, the full tier over
 * more of it. Search uses a paper's fullest vector; later tiers are declared after earlier ones.
 */
public enum VectorTier {
  /** Almost free: every paper has one within minutes of the table being built. Ranks far below the others. */
  STATIC("static", Integer.MAX_VALUE),
  /** Cheap, for {@code embed --tier title} and stores without a static table; serve goes from static to full. */
  TITLE("title", 64),
  /**
   * The title and abstract, cut at 192 tokens: a 75k corpus's full pass must fit in about 45 minutes of
   * this 2-core machine; arXiv abstracts run 284 tokens on average, and the model's own limit (512)
   * reads them whole at two thirds of the speed needed, while 192 reads two thirds of their tokens
   * (measured: README, "Where the full tier cuts"). Vectors written under an earlier cut stay until
   * their paper's text changes.
   */
  FULL("full", 192);

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
    throw Refusal.badInput("unknown vector tier '" + name + "': use static, title or full");
  }
}
