package org.paperboy.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;

/**
 * The vectors of recent queries, so a repeated query (the next page, a feed reader, a popular search)
 * skips the model: a bounded least-recently-used cache keyed by model and query text. A vector is 1.5 KB,
 * so the default 4,096 entries hold about 6 MB.
 */
final class QueryVectors {
  static final int DEFAULT_SIZE = 4_096;

  private record Key(String model, String text) {}

  private final Cache<Key, float[]> cache;
  private final EmbeddingModel model;
  private final Function<String, float[]> embed;

  /** @param embed the model's query embedding, asked only on a miss */
  QueryVectors(EmbeddingModel model, int size, Function<String, float[]> embed) {
    this.model = model;
    this.embed = embed;
    this.cache = Caffeine.newBuilder().maximumSize(size).build();
  }

  /** The query's vector; callers must not change it, since the next caller gets the same array. */
  float[] of(String text) {
    return cache.get(new Key(model.id(), text), k -> embed.apply(k.text()));
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
