package org.paperboy.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one embedding model in process through ONNX Runtime, a batch of texts per call. langchain4j's
 * own wrapper embeds one text per run and splits long texts into averaged windows; here a batch is
 * padded only to its own longest text and cut at the model's limit, which is where the speed comes
 * from (callers sort texts by length so a batch pads little).
 */
public final class Embedder implements AutoCloseable {
  private final EmbeddingModel model;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean wantsTypeIds;

  /** @param threads ONNX Runtime threads for one batch */
  public Embedder(EmbeddingModel model, int threads) {
    this.model = model;
    try {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(resource(model.onnxResource()), options);
      wantsTypeIds = session.getInputNames().contains("token_type_ids");
      try (InputStream in = Embedder.class.getResourceAsStream(model.tokenizerResource())) {
        if (in == null) throw new IllegalStateException("tokenizer " + model.tokenizerResource() + " is not on the classpath");
        tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
            "padding", "false", "truncation", "true", "maxLength", Integer.toString(model.maxTokens())));
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("cannot load embedding model " + model.id() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Embedder.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("model " + name + " is not on the classpath");
      return in.readAllBytes();
    }
  }

  public EmbeddingModel model() {
    return model;
  }

  /** A search query, with the instruction the model wants in front of queries. */
  public float[] embedQuery(String query) {
    return embed(List.of(model.queryPrefix() + query))[0];
  }

  /** Unit-length vectors, one per text, in order. */
  public float[][] embed(List<String> texts) {
    int n = texts.size();
    if (n == 0) return new float[0][];
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int width = 1;
    for (Encoding e : encodings) width = Math.max(width, e.getIds().length);
    long[] ids = new long[n * width];
    long[] mask = new long[n * width];
    long[] types = new long[n * width];
    for (int i = 0; i < n; i++) {
      long[] tokenIds = encodings[i].getIds();
      System.arraycopy(tokenIds, 0, ids, i * width, tokenIds.length);
      for (int t = 0; t < tokenIds.length; t++) mask[i * width + t] = 1;
    }
    long[] shape = {n, width};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (wantsTypeIds) inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = normalize(pool(hidden[i], encodings[i].getIds().length));
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding a batch of " + n + " texts failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private float[] pool(float[][] tokens, int length) {
    if (model.clsPooling()) return tokens[0];
    float[] mean = new float[tokens[0].length];
    for (int t = 0; t < length; t++) {
      float[] v = tokens[t];
      for (int d = 0; d < mean.length; d++) mean[d] += v[d];
    }
    for (int d = 0; d < mean.length; d++) mean[d] /= length;
    return mean;
  }

  private static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) sum += x * x;
    float scale = sum == 0 ? 0 : (float) (1 / Math.sqrt(sum));
    for (int d = 0; d < v.length; d++) v[d] *= scale;
    return v;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
    tokenizer.close();
  }
}
