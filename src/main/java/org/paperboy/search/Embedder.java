package org.paperboy.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs one embedding model in process through ONNX Runtime, a batch of texts per call. langchain4j's
 * own wrapper embeds one text per run and splits long texts into averaged windows; here a batch is
 * padded only to its own longest text and cut at {@code maxTokens}, which is where the speed comes
 * from (callers sort texts by length so a batch pads little).
 *
 * <p>Closing waits for the batches that are running: ONNX Runtime frees the session's memory under
 * a thread still computing in it otherwise, which crashed the JVM (SIGSEGV in libonnxruntime) when
 * a process was stopped mid-batch.
 */
public final class Embedder implements AutoCloseable {
  private final EmbeddingModel model;
  private final int maxTokens;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean wantsTypeIds;
  private final String hiddenState;
  /** Batches hold it shared; closing takes it exclusively, so it waits for them and they cannot start after. */
  private final ReentrantReadWriteLock running = new ReentrantReadWriteLock();
  private boolean closed;

  /** @param threads ONNX Runtime threads for one batch */
  public Embedder(EmbeddingModel model, int threads) {
    this(model, threads, model.maxTokens());
  }

  /**
   * @param threads ONNX Runtime threads for one batch
   * @param maxTokens where texts are cut (at most the model's own limit)
   */
  public Embedder(EmbeddingModel model, int threads, int maxTokens) {
    this.model = model;
    this.maxTokens = Math.min(maxTokens, model.maxTokens());
    try {
      env = OrtEnvironment.getEnvironment();
      session = env.createSession(model.onnxBytes(), sessionOptions(threads));
      wantsTypeIds = session.getInputNames().contains("token_type_ids");
      hiddenState = session.getOutputNames().iterator().next();
      tokenizer = model.tokenizer(this.maxTokens);
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("cannot load embedding model " + model.id() + ": " + e.getMessage(), e);
    }
  }

  /** The options every session here uses; the embedding benchmark's plain loop uses them too. */
  public static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    // threads waiting for work spin by default: on a shared machine that is CPU taken from the pages
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    return options;
  }

  public EmbeddingModel model() {
    return model;
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** A search query, with the instruction the model wants in front of queries. */
  public float[] embedQuery(String query) {
    return embed(List.of(model.queryPrefix() + query))[0];
  }

  /** How many tokens each text becomes after the cut (what a batch costs). */
  public int[] tokenCounts(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int[] counts = new int[encodings.length];
    for (int i = 0; i < counts.length; i++) counts[i] = encodings[i].getIds().length;
    return counts;
  }

  /** Unit-length vectors, one per text, in order. */
  public float[][] embed(List<String> texts) {
    return embed(texts, maxTokens);
  }

  /**
   * Unit-length vectors of the texts cut shorter, at {@code cut} tokens: what a quick tier reads. The
   * cut keeps the closing special token, exactly as the tokenizer's own truncation would.
   */
  public float[][] embed(List<String> texts, int cut) {
    int n = texts.size();
    if (n == 0) return new float[0][];
    running.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("the embedding model " + model.id() + " is closed");
      Encoding[] encodings = tokenizer.batchEncode(texts);
      long[][] tokenIds = new long[n][];
      for (int i = 0; i < n; i++) tokenIds[i] = cut(encodings[i].getIds(), Math.min(cut, maxTokens));
      return run(tokenIds);
    } finally {
      running.readLock().unlock();
    }
  }

  /** Unit-length vectors of texts already tokenized (each with its framing tokens): what the static table is built from. */
  float[][] embedIds(long[][] tokenIds) {
    running.readLock().lock();
    try {
      if (closed) throw new IllegalStateException("the embedding model " + model.id() + " is closed");
      return run(tokenIds);
    } finally {
      running.readLock().unlock();
    }
  }

  private static long[] cut(long[] ids, int cut) {
    if (ids.length <= cut) return ids;
    long[] out = java.util.Arrays.copyOf(ids, cut);
    out[cut - 1] = ids[ids.length - 1];
    return out;
  }

  private float[][] run(long[][] tokenIds) {
    int n = tokenIds.length;
    int width = 1;
    for (long[] t : tokenIds) width = Math.max(width, t.length);
    long[] ids = new long[n * width];
    long[] mask = new long[n * width];
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = tokenIds[i].length;
      System.arraycopy(tokenIds[i], 0, ids, i * width, lengths[i]);
      java.util.Arrays.fill(mask, i * width, i * width + lengths[i], 1L);
    }
    long[] shape = {n, width};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (wantsTypeIds) inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * width]), shape));
      try (OrtSession.Result result = session.run(inputs, java.util.Set.of(hiddenState))) {
        // one copy of the output into a buffer, then only the pooled rows are read (not an array per token)
        OnnxTensor hidden = (OnnxTensor) result.get(0);
        FloatBuffer values = hidden.getFloatBuffer();
        int dims = model.dimensions();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) out[i] = normalize(pool(values, i * width * dims, lengths[i], dims));
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("embedding a batch of " + n + " texts failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private float[] pool(FloatBuffer values, int rowStart, int length, int dims) {
    float[] v = new float[dims];
    if (model.clsPooling()) {
      values.get(rowStart, v);
      return v;
    }
    for (int t = 0; t < length; t++) {
      int at = rowStart + t * dims;
      for (int d = 0; d < dims; d++) v[d] += values.get(at + d);
    }
    for (int d = 0; d < dims; d++) v[d] /= length;
    return v;
  }

  private static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) sum += x * x;
    float scale = sum == 0 ? 0 : (float) (1 / Math.sqrt(sum));
    for (int d = 0; d < v.length; d++) v[d] *= scale;
    return v;
  }

  /** Waits for running batches to return, then frees the session; later calls to {@link #embed} fail. */
  @Override
  public void close() {
    running.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      session.close();
      tokenizer.close();
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    } finally {
      running.writeLock().unlock();
    }
  }
}
