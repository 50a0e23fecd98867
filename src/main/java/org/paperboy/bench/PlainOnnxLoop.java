package org.paperboy.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.Embedder;

/**
 * The floor the embedding pipeline is measured against: ONNX Runtime called directly, nothing else.
 * The same model file, tokenizer, session options and cut as the pipeline; texts already sorted by
 * length and split into the same batches; {@code threads} sessions of one thread each taking batches
 * from a shared counter. Per batch it only tokenizes, runs the model and takes the first token's
 * state: no store, no claims, no normalising.
 */
final class PlainOnnxLoop {
  private PlainOnnxLoop() {}

  /** @return tokens embedded */
  static long run(EmbeddingModel model, List<List<String>> batches, int threads, int cut) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] onnx = model.onnxBytes();
    AtomicInteger next = new AtomicInteger();
    AtomicLong tokens = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      workers.add(Thread.ofPlatform().name("floor-" + t).start(() -> {
        try (OrtSession session = env.createSession(onnx, Embedder.sessionOptions(1));
            HuggingFaceTokenizer tokenizer = model.tokenizer(cut)) {
          boolean typeIds = session.getInputNames().contains("token_type_ids");
          String output = session.getOutputNames().iterator().next();
          int b;
          while ((b = next.getAndIncrement()) < batches.size()) {
            tokens.addAndGet(runOne(env, session, tokenizer, typeIds, output, batches.get(b)));
          }
        } catch (Exception e) {
          failures.add(e);
        }
      }));
    }
    for (Thread w : workers) w.join();
    if (!failures.isEmpty()) throw failures.getFirst();
    return tokens.get();
  }

  private static long runOne(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, boolean typeIds,
      String output, List<String> texts) throws OrtException {
    Encoding[] enc = tokenizer.batchEncode(texts);
    int n = enc.length, width = 1;
    long tokens = 0;
    for (Encoding e : enc) {
      width = Math.max(width, e.getIds().length);
      tokens += e.getIds().length;
    }
    long[] ids = new long[n * width], mask = new long[n * width];
    for (int i = 0; i < n; i++) {
      long[] t = enc[i].getIds();
      System.arraycopy(t, 0, ids, i * width, t.length);
      for (int j = 0; j < t.length; j++) mask[i * width + j] = 1;
    }
    long[] shape = {n, width};
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (typeIds) in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * width]), shape));
      try (OrtSession.Result r = session.run(in, java.util.Set.of(output))) {
        var buffer = ((OnnxTensor) r.get(0)).getFloatBuffer();
        float[] first = new float[384];
        for (int i = 0; i < n; i++) buffer.get(i * width * 384, first);
      }
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
    return tokens;
  }
}
