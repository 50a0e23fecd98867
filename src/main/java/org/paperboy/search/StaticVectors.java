package org.paperboy.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.paperboy.support.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A paper's first vector at almost no cost, in the model's own space (the Model2Vec idea): the model is
 * run once over every token of its vocabulary on its own ({@code [CLS] token [SEP]}, pooled as the model
 * pools), and a text's vector is then the weighted mean of its tokens' vectors, normalized. Building the
 * table costs one short model run per token (a minute or two on two cores); it is cached per model in
 * the data directory, so it is built once. A text then costs its tokenization and a few hundred
 * additions of 384 floats: thousands of papers per second.
 *
 * <p>Each token weighs {@code log(1 + id)}: the model's vocabulary lists word pieces roughly by
 * frequency, so the id is a rank and common words weigh less (Zipf's law, as Model2Vec does). Weights
 * from the corpus's own counts were measured against it on SciFact: see the README.
 */
public final class StaticVectors implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StaticVectors.class);
  private static final int MAGIC = 0x50425356; // "PBSV"
  /** Bump when the table is computed differently, so an old cache is built again. */
  private static final int VERSION = 1;
  /** Tokens run through the model at once while building: each is three tokens long, so a run is small. */
  private static final int BUILD_BATCH = 256;

  private final EmbeddingModel model;
  private final int dims;
  /** Row {@code id} holds token {@code id}'s vector; special and unused tokens' rows are zeros. */
  private final float[] table;
  private final float[] weight;
  private final HuggingFaceTokenizer tokenizer;

  private StaticVectors(EmbeddingModel model, float[] table) throws IOException {
    this.model = model;
    this.dims = model.dimensions();
    this.table = table;
    int vocab = table.length / dims;
    this.weight = new float[vocab];
    for (int id = 0; id < vocab; id++) weight[id] = (float) Math.log1p(id);
    this.tokenizer = model.tokenizer(model.maxTokens());
  }

  /** Where the table of this model is cached in a data directory. */
  public static Path file(Path dataDir, EmbeddingModel model) {
    return dataDir.resolve("cache").resolve("static-vectors-" + model.id() + ".bin");
  }

  /**
   * The model's table: read from {@code file} when it was built before, else built now with
   * {@code threads} model sessions and written there (owner-only, written whole or not at all).
   */
  public static StaticVectors open(EmbeddingModel model, Path file, int threads) {
    return open(model, file, threads, Integer.MAX_VALUE);
  }

  /** The same, building (when it must) only the first {@code tokens} ordinary tokens: a table for tests, in seconds. */
  static StaticVectors open(EmbeddingModel model, Path file, int threads, int tokens) {
    try {
      float[] table = Files.exists(file) ? read(file, model) : null;
      if (table == null) {
        long started = System.nanoTime();
        table = build(model, Math.max(1, threads), tokens);
        write(file, model, table);
        LOG.info("built the static token vectors of {} in {} s ({})", model.id(),
            String.format("%.1f", (System.nanoTime() - started) / 1e9), file);
      }
      return new StaticVectors(model, table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build or read the static token vectors " + file + ": " + e.getMessage(), e);
    }
  }

  public EmbeddingModel model() {
    return model;
  }

  /** Unit-length vectors, one per text, in order; a text without a known token gets a zero vector. */
  public float[][] embed(List<String> texts) {
    if (texts.isEmpty()) return new float[0][];
    Encoding[] encodings = tokenizer.batchEncode(texts);
    float[][] out = new float[encodings.length][];
    for (int i = 0; i < encodings.length; i++) out[i] = embed(encodings[i].getIds());
    return out;
  }

  private float[] embed(long[] ids) {
    float[] v = new float[dims];
    for (long id : ids) {
      if (id < 0 || id >= weight.length) continue;
      float w = weight[(int) id];
      int row = (int) id * dims;
      for (int d = 0; d < dims; d++) v[d] += w * table[row + d];
    }
    double sum = 0;
    for (float x : v) sum += x * x;
    float scale = sum == 0 ? 0 : (float) (1 / Math.sqrt(sum));
    for (int d = 0; d < dims; d++) v[d] *= scale;
    return v;
  }

  /** Each ordinary token of the vocabulary through the model on its own; special and unused tokens stay zero. */
  private static float[] build(EmbeddingModel model, int threads, int tokens) throws IOException {
    Vocabulary vocab = Vocabulary.of(model);
    int dims = model.dimensions();
    float[] table = new float[vocab.size() * dims];
    List<Integer> ordinary = new ArrayList<>();
    for (int id = 0; id < vocab.size() && ordinary.size() < tokens; id++) if (vocab.ordinary(id)) ordinary.add(id);
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      workers.add(Thread.ofPlatform().name("static-vectors-" + t).start(() -> {
        try (Embedder embedder = new Embedder(model, 1)) {
          int from;
          while ((from = next.getAndAdd(BUILD_BATCH)) < ordinary.size()) {
            int to = Math.min(ordinary.size(), from + BUILD_BATCH);
            long[][] ids = new long[to - from][];
            for (int i = from; i < to; i++) ids[i - from] = new long[] {vocab.cls(), ordinary.get(i), vocab.sep()};
            float[][] v = embedder.embedIds(ids);
            for (int i = from; i < to; i++) System.arraycopy(v[i - from], 0, table, ordinary.get(i) * dims, dims);
          }
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }));
    }
    try {
      for (Thread w : workers) w.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the static token vectors", e);
    }
    if (!failures.isEmpty()) throw failures.getFirst();
    return table;
  }

  /** The model's word pieces by id, from its tokenizer file: which are ordinary, and the two that frame a text. */
  private record Vocabulary(String[] tokens, long cls, long sep) {
    static Vocabulary of(EmbeddingModel model) throws IOException {
      JsonNode json;
      try (InputStream in = model.tokenizerJson()) {
        json = new ObjectMapper().readTree(in);
      }
      JsonNode pieces = json.path("model").path("vocab");
      String[] tokens = new String[pieces.size()];
      pieces.properties().forEach(e -> tokens[e.getValue().asInt()] = e.getKey());
      long cls = -1, sep = -1;
      for (int id = 0; id < tokens.length; id++) {
        if ("[CLS]".equals(tokens[id]) || "<s>".equals(tokens[id])) cls = id;
        if ("[SEP]".equals(tokens[id]) || "</s>".equals(tokens[id])) sep = id;
      }
      if (cls < 0 || sep < 0) throw new IllegalStateException("the tokenizer of " + model.id() + " names no [CLS] and [SEP]");
      return new Vocabulary(tokens, cls, sep);
    }

    int size() {
      return tokens.length;
    }

    /** Not a special or unused token (those are written in brackets: [PAD], [unused12]). */
    boolean ordinary(int id) {
      String t = tokens[id];
      return t != null && !(t.startsWith("[") && t.endsWith("]") && t.length() > 2);
    }
  }

  private static float[] read(Path file, EmbeddingModel model) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readInt() != model.dimensions()) return null;
      int rows = in.readInt();
      byte[] bytes = in.readNBytes(rows * model.dimensions() * 4);
      if (bytes.length != rows * model.dimensions() * 4) return null; // cut short: build it again
      float[] table = new float[rows * model.dimensions()];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(table);
      return table;
    }
  }

  /** Written beside the file and moved over it, so a kill while writing leaves no half table. */
  private static void write(Path file, EmbeddingModel model, float[] table) throws IOException {
    PrivateFiles.directory(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    PrivateFiles.file(partial);
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING)))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(model.dimensions());
      out.writeInt(table.length / model.dimensions());
      ByteBuffer bytes = ByteBuffer.allocate(table.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(table);
      out.write(bytes.array());
    }
    try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
