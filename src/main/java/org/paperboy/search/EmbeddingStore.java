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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.Paper;

/**
 * The paper_embeddings table: vectors keyed by paper, model and tier, with the hash of the text they
 * came from. Writing a paper's vector also drops its vectors of other tiers that came from an older
 * text, so whenever a paper has a current vector, every vector it has is current: the best one is
 * simply the fullest tier present.
 */
public final class EmbeddingStore {
  private final Database database;
  private final Jdbi jdbi;

  public EmbeddingStore(Database database) {
    this.database = database;
    this.jdbi = database.jdbi();
  }

  /** The store these vectors live in (claims on embedding work live there too). */
  Database database() {
    return database;
  }

  /** One stored vector; {@code rowId} orders writes so an index can follow them. */
  public record StoredVector(long rowId, String paperId, VectorTier tier, String textHash, float[] vector) {}

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

  /** Replaces each paper's full-text vector for this model. */
  public void put(EmbeddingModel model, List<Paper> papers, float[][] vectors) {
    put(model, VectorTier.FULL, papers, vectors);
  }

  /** Replaces each paper's vector of this tier; one transaction, so a kill loses at most this batch. */
  public void put(EmbeddingModel model, VectorTier tier, List<Paper> papers, float[][] vectors) {
    jdbi.useTransaction(h -> countWrites(h, write(h, model, tier, papers, vectors, null)));
  }

  /**
   * Writes the vectors of the papers this worker still holds a claim on, and ends those claims, in one
   * transaction. A claim that ran out and was taken over by another worker is not ours any more: that
   * paper's vector is left to the other worker, so no paper is written twice.
   *
   * @return how many vectors were written
   */
  public int putClaimed(EmbeddingModel model, VectorTier tier, String worker, List<Paper> papers, float[][] vectors) {
    return jdbi.inTransaction(h -> {
      takeWriteOrder(h);
      boolean[] ours = VectorClaims.end(h, model, tier, worker, papers.stream().map(p -> p.id().value()).toList());
      return countWrites(h, write(h, model, tier, papers, vectors, ours));
    });
  }

  /**
   * Taken first in every writing transaction, so writes commit in the order of their ids (see V60): an
   * update of the one row that counts the vectors ever written.
   */
  private static void takeWriteOrder(Handle h) {
    h.execute("UPDATE embedding_write_order SET value = value WHERE name = 'vectors'");
  }

  private static int countWrites(Handle h, int written) {
    h.createUpdate("UPDATE embedding_write_order SET value = value + :n WHERE name = 'vectors'").bind("n", written).execute();
    return written;
  }

  /** Vectors ever written (a replaced one counts again): with {@link #count}, shows that no paper was embedded twice. */
  public long writtenEver() {
    return jdbi.withHandle(h -> h.createQuery("SELECT value FROM embedding_write_order WHERE name = 'vectors'")
        .mapTo(Long.class).one());
  }

  private static int write(Handle h, EmbeddingModel model, VectorTier tier, List<Paper> papers, float[][] vectors,
      boolean[] only) {
    if (only == null) takeWriteOrder(h);
    var delete = h.prepareBatch(
        "DELETE FROM paper_embeddings WHERE paper_id = ? AND model = ? AND (tier = ? OR text_hash <> ?)");
    var insert = h.prepareBatch(
        "INSERT INTO paper_embeddings (paper_id, model, tier, text_hash, vector) VALUES (?,?,?,?,?)");
    int written = 0;
    for (int i = 0; i < papers.size(); i++) {
      if (only != null && !only[i]) continue;
      String id = papers.get(i).id().value();
      String hash = textHash(papers.get(i));
      delete.add(id, model.id(), tier.id(), hash);
      insert.add(id, model.id(), tier.id(), hash, toBytes(vectors[i]));
      written++;
    }
    if (written > 0) {
      delete.execute();
      insert.execute();
    }
    return written;
  }

  /** paper id → text hash of every vector of this model and tier. */
  public Map<String, String> hashes(EmbeddingModel model, VectorTier tier) {
    return jdbi.withHandle(h -> {
      Map<String, String> out = new HashMap<>();
      h.createQuery("SELECT paper_id, text_hash FROM paper_embeddings WHERE model = :m AND tier = :t")
          .bind("m", model.id()).bind("t", tier.id())
          .map((rs, ctx) -> out.put(rs.getString(1), rs.getString(2))).list();
      return out;
    });
  }

  /** The best vector of each of these papers that has one: its full-text vector, else its quick one. */
  public Map<String, StoredVector> find(EmbeddingModel model, Collection<String> paperIds) {
    if (paperIds.isEmpty()) return Map.of();
    return jdbi.withHandle(h -> {
      Map<String, StoredVector> out = new HashMap<>();
      h.createQuery("SELECT id, paper_id, tier, text_hash, vector FROM paper_embeddings"
              + " WHERE model = :m AND paper_id IN (<ids>)")
          .bind("m", model.id()).bindList("ids", List.copyOf(paperIds))
          .map((rs, ctx) -> stored(rs)).forEach(v -> out.merge(v.paperId(), v, EmbeddingStore::fuller));
      return out;
    });
  }

  /** These papers' vectors of one tier. */
  public Map<String, StoredVector> find(EmbeddingModel model, VectorTier tier, Collection<String> paperIds) {
    if (paperIds.isEmpty()) return Map.of();
    return jdbi.withHandle(h -> {
      Map<String, StoredVector> out = new HashMap<>();
      h.createQuery("SELECT id, paper_id, tier, text_hash, vector FROM paper_embeddings"
              + " WHERE model = :m AND tier = :t AND paper_id IN (<ids>)")
          .bind("m", model.id()).bind("t", tier.id()).bindList("ids", List.copyOf(paperIds))
          .map((rs, ctx) -> stored(rs)).forEach(v -> out.put(v.paperId(), v));
      return out;
    });
  }

  private static StoredVector fuller(StoredVector a, StoredVector b) {
    return a.tier().compareTo(b.tier()) >= 0 ? a : b;
  }

  /** Vectors of any tier written after row {@code afterRowId}, oldest first. */
  public List<StoredVector> writtenAfter(EmbeddingModel model, long afterRowId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, paper_id, tier, text_hash, vector FROM paper_embeddings"
            + " WHERE model = :m AND id > :after ORDER BY id LIMIT :limit")
        .bind("m", model.id()).bind("after", afterRowId).bind("limit", limit)
        .map((rs, ctx) -> stored(rs)).list());
  }

  private static StoredVector stored(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredVector(rs.getLong(1), rs.getString(2), VectorTier.parse(rs.getString(3)), rs.getString(4),
        fromBytes(rs.getBytes(5)));
  }

  public long lastRowId(EmbeddingModel model) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM paper_embeddings WHERE model = :m")
        .bind("m", model.id()).mapTo(Long.class).one());
  }

  /** Papers with a vector of this model, whatever its tier. */
  public long count(EmbeddingModel model) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT paper_id) FROM paper_embeddings WHERE model = :m")
        .bind("m", model.id()).mapTo(Long.class).one());
  }

  public long count(EmbeddingModel model, VectorTier tier) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM paper_embeddings WHERE model = :m AND tier = :t")
        .bind("m", model.id()).bind("t", tier.id()).mapTo(Long.class).one());
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
