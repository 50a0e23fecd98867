package org.paperboy.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.Paper;

/** The paper_embeddings table: vectors keyed by paper, model and the hash of the text they came from. */
public final class EmbeddingStore {
  private final Jdbi jdbi;

  public EmbeddingStore(Database database) {
    this.jdbi = database.jdbi();
  }

  /** One stored vector; {@code rowId} orders writes so an index can follow them. */
  public record StoredVector(long rowId, String paperId, String textHash, float[] vector) {}

  /** The text a paper is embedded from: title and abstract, the two fields that say what it is about. */
  public static String textOf(Paper paper) {
    return paper.title() + "\n" + paper.abstractText();
  }

  public static String textHash(Paper paper) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(textOf(paper).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces each paper's vector for this model; one transaction, so a kill loses at most this batch. */
  public void put(EmbeddingModel model, List<Paper> papers, float[][] vectors) {
    jdbi.useTransaction(h -> {
      var delete = h.prepareBatch("DELETE FROM paper_embeddings WHERE paper_id = ? AND model = ?");
      var insert = h.prepareBatch("INSERT INTO paper_embeddings (paper_id, model, text_hash, vector) VALUES (?,?,?,?)");
      for (int i = 0; i < papers.size(); i++) {
        String id = papers.get(i).id().value();
        delete.add(id, model.id());
        insert.add(id, model.id(), textHash(papers.get(i)), toBytes(vectors[i]));
      }
      delete.execute();
      insert.execute();
    });
  }

  /** paper id → text hash of every vector this model has. */
  public Map<String, String> hashes(EmbeddingModel model) {
    return jdbi.withHandle(h -> {
      Map<String, String> out = new HashMap<>();
      h.createQuery("SELECT paper_id, text_hash FROM paper_embeddings WHERE model = :m").bind("m", model.id())
          .map((rs, ctx) -> out.put(rs.getString(1), rs.getString(2))).list();
      return out;
    });
  }

  /** The vectors of these papers (those that have one). */
  public Map<String, StoredVector> find(EmbeddingModel model, Collection<String> paperIds) {
    if (paperIds.isEmpty()) return Map.of();
    return jdbi.withHandle(h -> {
      Map<String, StoredVector> out = new HashMap<>();
      h.createQuery("SELECT id, paper_id, text_hash, vector FROM paper_embeddings WHERE model = :m AND paper_id IN (<ids>)")
          .bind("m", model.id()).bindList("ids", List.copyOf(paperIds))
          .map((rs, ctx) -> out.put(rs.getString(2),
              new StoredVector(rs.getLong(1), rs.getString(2), rs.getString(3), fromBytes(rs.getBytes(4)))))
          .list();
      return out;
    });
  }

  /** Vectors written after row {@code afterRowId}, oldest first. */
  public List<StoredVector> writtenAfter(EmbeddingModel model, long afterRowId, int limit) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, paper_id, text_hash, vector FROM paper_embeddings WHERE model = :m AND id > :after ORDER BY id LIMIT :limit")
        .bind("m", model.id()).bind("after", afterRowId).bind("limit", limit)
        .map((rs, ctx) -> new StoredVector(rs.getLong(1), rs.getString(2), rs.getString(3), fromBytes(rs.getBytes(4))))
        .list());
  }

  public long lastRowId(EmbeddingModel model) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM paper_embeddings WHERE model = :m")
        .bind("m", model.id()).mapTo(Long.class).one());
  }

  public long count(EmbeddingModel model) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM paper_embeddings WHERE model = :m")
        .bind("m", model.id()).mapTo(Long.class).one());
  }

  static byte[] toBytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] fromBytes(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
