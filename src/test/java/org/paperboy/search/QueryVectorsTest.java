package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryVectorsTest {
  @Test
  void aRepeatedQuerySkipsTheModelAndTheCacheStaysBounded() {
    List<String> asked = new ArrayList<>();
    QueryVectors cache = new QueryVectors(EmbeddingModel.MINILM, 3, text -> {
      asked.add(text);
      return new float[] {text.length()};
    });
    float[] first = cache.of("sparse autoencoders");
    assertThat(cache.of("sparse autoencoders")).isSameAs(first);
    assertThat(asked).containsExactly("sparse autoencoders");
    for (int i = 0; i < 50; i++) cache.of("query " + i);
    assertThat(cache.size()).isLessThanOrEqualTo(3);
    assertThat(asked).hasSize(51);
  }
}
