package org.paperboy.personal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.support.Refusal;

/**
 * Collections: every member has a "Reading list" (made on first use) and may add named ones. A
 * collection is seen by its owner only, unless the owner makes it public; to anyone else a private
 * collection does not exist (the web answers 404, never 403, so its existence leaks nothing).
 */
public final class PaperCollections {
  public static final int MAX_NAME = 80;
  public static final int MAX_COLLECTIONS = 100;

  private static final String SELECT = "SELECT c.id, c.account_id, c.name, c.is_default, c.is_public,"
      + " (SELECT COUNT(*) FROM collection_papers p WHERE p.collection_id = c.id) AS papers FROM collections c";
  private static final RowMapper<PaperCollection> MAPPER = (rs, ctx) -> new PaperCollection(rs.getLong("id"),
      rs.getLong("account_id"), rs.getString("name"), rs.getInt("is_default") == 1, rs.getInt("is_public") == 1,
      rs.getInt("papers"));

  private final Jdbi jdbi;
  private final Clock clock;
  private final PersonalVersions versions;

  public PaperCollections(Database database, Clock clock, PersonalVersions versions) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.versions = versions;
  }

  /** The member's collections, the Reading list first (created if missing). */
  public List<PaperCollection> of(long accountId) {
    readingList(accountId);
    return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.account_id = :a ORDER BY c.is_default DESC, c.name")
        .bind("a", accountId).map(MAPPER).list());
  }

  /** The member's Reading list, made on first use (two racing requests still make one). */
  public PaperCollection readingList(long accountId) {
    return jdbi.inTransaction(h -> {
      Optional<PaperCollection> existing = h.createQuery(SELECT + " WHERE c.account_id = :a AND c.is_default = 1")
          .bind("a", accountId).map(MAPPER).findOne();
      if (existing.isPresent()) return existing.get();
      h.createUpdate("INSERT INTO collections (account_id, name, is_default, is_public, created_at)"
              + " VALUES (:a, :n, 1, 0, :at) ON CONFLICT (account_id, name) DO NOTHING")
          .bind("a", accountId).bind("n", PaperCollection.DEFAULT_NAME).bind("at", clock.instant().toString()).execute();
      return h.createQuery(SELECT + " WHERE c.account_id = :a AND c.name = :n").bind("a", accountId)
          .bind("n", PaperCollection.DEFAULT_NAME).map(MAPPER).one();
    });
  }

  /** A new named collection; the name is trimmed, 1–80 characters, unique for the member. */
  public PaperCollection create(long accountId, String name) {
    String n = cleanName(name);
    readingList(accountId);
    return jdbi.inTransaction(h -> {
      long count = h.createQuery("SELECT COUNT(*) FROM collections WHERE account_id = :a").bind("a", accountId)
          .mapTo(Long.class).one();
      if (count >= MAX_COLLECTIONS) throw Refusal.badInput("at most " + MAX_COLLECTIONS + " collections per member");
      int added = h.createUpdate("INSERT INTO collections (account_id, name, is_default, is_public, created_at)"
              + " VALUES (:a, :n, 0, 0, :at) ON CONFLICT (account_id, name) DO NOTHING")
          .bind("a", accountId).bind("n", n).bind("at", clock.instant().toString()).execute();
      if (added == 0) throw Refusal.conflict("you already have a collection named '" + n + "'");
      versions.bump(h, accountId);
      return h.createQuery(SELECT + " WHERE c.account_id = :a AND c.name = :n").bind("a", accountId).bind("n", n)
          .map(MAPPER).one();
    });
  }

  static String cleanName(String name) {
    String n = name == null ? "" : name.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
    if (n.isEmpty()) throw Refusal.badInput("name: give the collection a name");
    if (n.length() > MAX_NAME) throw Refusal.badInput("name: at most " + MAX_NAME + " characters");
    return n;
  }

  /** The collection as {@code viewerId} may see it: their own, or anyone's public one (null viewer: anonymous). */
  public Optional<PaperCollection> visibleTo(Long viewerId, long collectionId) {
    return find(collectionId).filter(c -> c.isPublic() || (viewerId != null && c.ownerId() == viewerId));
  }

  /** The member's own collection, or a refusal that says nothing about anyone else's. */
  public PaperCollection owned(long accountId, long collectionId) {
    return find(collectionId).filter(c -> c.ownerId() == accountId)
        .orElseThrow(() -> Refusal.notFound("no collection " + collectionId));
  }

  private Optional<PaperCollection> find(long id) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.id = :id").bind("id", id).map(MAPPER).findOne());
  }

  /** Adds the paper; true when it was not there yet. The paper must be in the store. */
  public boolean save(long accountId, long collectionId, ArxivId paper) {
    owned(accountId, collectionId);
    return jdbi.inTransaction(h -> {
      requirePaper(h, paper);
      int n = h.createUpdate("INSERT INTO collection_papers (collection_id, paper_id, added_at) VALUES (:c, :p, :at)"
              + " ON CONFLICT (collection_id, paper_id) DO NOTHING")
          .bind("c", collectionId).bind("p", paper.value()).bind("at", clock.instant().toString()).execute();
      if (n > 0) versions.bump(h, accountId);
      return n > 0;
    });
  }

  static void requirePaper(Handle h, ArxivId paper) {
    if (h.createQuery("SELECT COUNT(*) FROM papers WHERE id = :p").bind("p", paper.value()).mapTo(Long.class).one() == 0) {
      throw Refusal.notFound("no paper " + paper + " here");
    }
  }

  /** True when the paper was in the collection. */
  public boolean remove(long accountId, long collectionId, ArxivId paper) {
    owned(accountId, collectionId);
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("DELETE FROM collection_papers WHERE collection_id = :c AND paper_id = :p")
          .bind("c", collectionId).bind("p", paper.value()).execute();
      if (n > 0) versions.bump(h, accountId);
      return n > 0;
    });
  }

  public void rename(long accountId, long collectionId, String name) {
    PaperCollection c = owned(accountId, collectionId);
    String n = cleanName(name);
    if (c.isDefault()) throw Refusal.badInput("the Reading list keeps its name");
    try {
      jdbi.useHandle(h -> h.createUpdate("UPDATE collections SET name = :n WHERE id = :id").bind("n", n)
          .bind("id", collectionId).execute());
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      if (!org.paperboy.db.ConstraintViolation.in(e)) throw e;
      throw Refusal.conflict("you already have a collection named '" + n + "'");
    }
  }

  public void setPublic(long accountId, long collectionId, boolean isPublic) {
    owned(accountId, collectionId);
    jdbi.useHandle(h -> h.createUpdate("UPDATE collections SET is_public = :p WHERE id = :id")
        .bind("p", isPublic ? 1 : 0).bind("id", collectionId).execute());
  }

  /** Deletes a named collection and its entries (the Reading list stays). */
  public void delete(long accountId, long collectionId) {
    if (owned(accountId, collectionId).isDefault()) throw Refusal.badInput("the Reading list cannot be deleted");
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM collections WHERE id = :id").bind("id", collectionId).execute();
      versions.bump(h, accountId);
    });
  }

  /** The collection's papers, newest first. */
  public List<SavedPaper> papers(long collectionId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT p.paper_id, c.id, c.name, p.added_at FROM collection_papers p"
            + " JOIN collections c ON c.id = p.collection_id WHERE c.id = :c ORDER BY p.added_at DESC, p.paper_id")
        .bind("c", collectionId).map((rs, ctx) -> saved(rs)).list());
  }

  /** Everything the member saved, in any collection, newest first. */
  public List<SavedPaper> savedBy(long accountId) {
    return savedBy(accountId, Integer.MAX_VALUE);
  }

  /** The member's {@code limit} latest saves, in any collection, newest first. */
  public List<SavedPaper> savedBy(long accountId, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT p.paper_id, c.id, c.name, p.added_at FROM collection_papers p"
            + " JOIN collections c ON c.id = p.collection_id WHERE c.account_id = :a ORDER BY p.added_at DESC, p.paper_id"
            + " LIMIT :n").bind("a", accountId).bind("n", limit).map((rs, ctx) -> saved(rs)).list());
  }

  /** Which of these papers the member has saved anywhere (for the buttons' state). */
  public Set<String> savedAmong(long accountId, Collection<ArxivId> papers) {
    if (papers.isEmpty()) return Set.of();
    return jdbi.withHandle(h -> Set.copyOf(h.createQuery("SELECT DISTINCT p.paper_id FROM collection_papers p"
            + " JOIN collections c ON c.id = p.collection_id WHERE c.account_id = :a AND p.paper_id IN (<ids>)")
        .bind("a", accountId).bindList("ids", papers.stream().map(ArxivId::value).toList()).mapTo(String.class).list()));
  }

  private static SavedPaper saved(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SavedPaper(new ArxivId(rs.getString(1)), rs.getLong(2), rs.getString(3),
        java.time.Instant.parse(rs.getString(4)));
  }
}
