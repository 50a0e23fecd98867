package org.paperboy.search;

import java.util.Locale;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;
import org.paperboy.support.Refusal;

/**
 * How the index's HNSW graph holds the vectors it searches. INT7 (the default) keeps one byte per
 * dimension, a quarter of the floats, so the part of the index a search touches stays small in the
 * page cache; the float copy is kept beside it on disk and search rescores its candidates with it
 * (see README for what that costs in nDCG). FLOAT is there to measure against.
 */
public enum VectorFormat {
  INT7, FLOAT;

  /** HNSW's defaults: 16 neighbours per node, a beam of 100 while building. */
  private static final int MAX_CONN = 16;
  private static final int BEAM_WIDTH = 100;

  public static final VectorFormat DEFAULT = INT7;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VectorFormat parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badInput("unknown vector format '" + name + "': use int7 or float");
    }
  }

  /** Lucene's current codec with this format for vectors; a reader finds the format by its name. */
  Codec codec() {
    KnnVectorsFormat vectors = this == INT7
        ? new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, MAX_CONN, BEAM_WIDTH)
        : new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
      }
    };
  }
}
