package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The product's default model, bge-small, at work on three real abstracts. The rest of the suite
 * embeds with the fast MiniLM (PAPERBOY_EMBEDDING_MODEL in the Surefire configuration: bge reads
 * four times as many tokens and is ten times slower on two cores), so this is where bge itself runs:
 * its weights load, it pools and normalises, and a query, with bge's instruction prefix, lands
 * nearest the abstract it paraphrases.
 */
class DefaultModelTest {
  static final String DIPHOTON = "A fully differential calculation in perturbative quantum chromodynamics is presented for the"
      + " production of massive photon pairs at hadron colliders.";
  static final String DIPOLE = "We study the convergence of the discrete dipole approximation for light scattering by particles"
      + " much larger than the wavelength.";
  static final String POLYTOPES = "We classify the smooth Fano polytopes of dimension at most seven.";

  @Test
  void theDefaultModelIsBgeAndAQueryLandsNearestWhatItParaphrases() {
    assertThat(EmbeddingModel.DEFAULT).isEqualTo(EmbeddingModel.BGE_SMALL);
    try (Embedder bge = new Embedder(EmbeddingModel.DEFAULT, 1)) {
      float[][] passages = bge.embed(List.of(DIPHOTON, DIPOLE, POLYTOPES));
      for (float[] v : passages) {
        assertThat(v).hasSize(EmbeddingModel.DEFAULT.dimensions());
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
      }
      float[] query = bge.embedQuery("two photons produced in proton collisions");
      double diphoton = dot(query, passages[0]);
      assertThat(diphoton).as("nearer the diphoton abstract than the others")
          .isGreaterThan(dot(query, passages[1])).isGreaterThan(dot(query, passages[2]));
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  }
}
