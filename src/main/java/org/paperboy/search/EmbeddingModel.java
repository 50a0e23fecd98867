package org.paperboy.search;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.paperboy.support.Refusal;

/**
 * The sentence-embedding models packaged with langchain4j that Paperboy can run in process. Both give
 * 384 dimensions; they differ in how they pool tokens, how much text they read, and whether queries
 * take an instruction.
 *
 * @param maxTokens the longest input the model was trained on: more is cut, since it would cost
 *     quadratic attention time for text the model never learned to use
 * @param queryPrefix what the model card says to put before a search query (bge); passages get none
 */
public enum EmbeddingModel {
  BGE_SMALL("bge-small-en-v15-q", "bge-small-en-v1.5-q", true, 512,
      "Represent this sentence for searching relevant passages: "),
  MINILM("all-minilm-l6-v2-q", "all-minilm-l6-v2-q", false, 128, "");

  /** Chosen on SciFact training queries: see the README's Search section for the figures. */
  public static final EmbeddingModel DEFAULT = BGE_SMALL;

  private final String id;
  private final String resource;
  private final boolean clsPooling;
  private final int maxTokens;
  private final String queryPrefix;

  EmbeddingModel(String id, String resource, boolean clsPooling, int maxTokens, String queryPrefix) {
    this.id = id;
    this.resource = resource;
    this.clsPooling = clsPooling;
    this.maxTokens = maxTokens;
    this.queryPrefix = queryPrefix;
  }

  /** The name stored beside each vector and accepted on the command line. */
  public String id() {
    return id;
  }

  /** The ONNX model file, from the langchain4j jar on the classpath. */
  public byte[] onnxBytes() throws IOException {
    String name = "/" + resource + ".onnx";
    try (InputStream in = EmbeddingModel.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("model " + name + " is not on the classpath");
      return in.readAllBytes();
    }
  }

  /** The model's own tokenizer, cutting texts at {@code maxTokens} and padding nothing. */
  public HuggingFaceTokenizer tokenizer(int maxTokens) throws IOException {
    try (InputStream in = tokenizerJson()) {
      return HuggingFaceTokenizer.newInstance(in, Map.of(
          "padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
    }
  }

  /** The tokenizer's file (its vocabulary and rules), from the langchain4j jar on the classpath. */
  InputStream tokenizerJson() {
    String name = "/" + resource + "-tokenizer.json";
    InputStream in = EmbeddingModel.class.getResourceAsStream(name);
    if (in == null) throw new IllegalStateException("tokenizer " + name + " is not on the classpath");
    return in;
  }

  public boolean clsPooling() {
    return clsPooling;
  }

  public int maxTokens() {
    return maxTokens;
  }

  String queryPrefix() {
    return queryPrefix;
  }

  public int dimensions() {
    return 384;
  }

  /** Accepts the id, the model's own name ({@code bge-small-en-v1.5-q}) or a short name ({@code bge}, {@code minilm}). */
  public static EmbeddingModel parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (EmbeddingModel m : values()) {
      if (m.id.equals(n) || m.resource.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n) || m.id.startsWith(n)) return m;
    }
    if (n.equals("bge")) return BGE_SMALL;
    throw Refusal.badInput("unknown embedding model '" + name + "': use bge-small-en-v15-q or all-minilm-l6-v2-q");
  }

  /** {@code PAPERBOY_EMBEDDING_MODEL} when set, else the default. */
  public static EmbeddingModel fromEnvironment() {
    String name = System.getenv("PAPERBOY_EMBEDDING_MODEL");
    return name == null || name.isBlank() ? DEFAULT : parse(name);
  }
}
