package org.paperboy.paper;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * The papers table and its version history. Writes are idempotent upserts: the same record twice
 * changes nothing, a newer version replaces the metadata and adds to the history, an older one never
 * overwrites a newer one.
 */
public final class PaperStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, latest_version, title, abstract, authors, authors_parsed, primary_category, categories, comments,"
          + " journal_ref, doi, report_no, license, submitter, first_submitted, last_updated, announced_on,"
          + " content_hash, change_seq";

  private final Jdbi jdbi;
  private final boolean postgres;

  public PaperStore(Database database) {
    this.jdbi = database.jdbi();
    this.postgres = database.dialect() == Database.Dialect.POSTGRESQL;
  }

  public enum Outcome { INSERTED, UPDATED, UNCHANGED }

  /** What one upsert did, counted by outcome. */
  public record UpsertCounts(int inserted, int updated, int unchanged) {
    public static final UpsertCounts NONE = new UpsertCounts(0, 0, 0);

    public UpsertCounts plus(UpsertCounts o) {
      return new UpsertCounts(inserted + o.inserted, updated + o.updated, unchanged + o.unchanged);
    }

    public int total() {
      return inserted + updated + unchanged;
    }
  }

  public UpsertCounts upsert(List<Paper> papers) {
    return upsert(papers, handle -> {});
  }

  /**
   * A paper with the derived values a write needs, computed ahead so a bulk importer can do this CPU
   * work on its parser thread instead of the writer's.
   */
  public record Prepared(Paper paper, String contentHash, String authorsJson) {}

  public static Prepared prepare(Paper paper) {
    String authorsJson = authorsJson(paper.authors());
    return new Prepared(paper, contentHash(paper, authorsJson), authorsJson);
  }

  /** Upserts already-prepared papers in one transaction. */
  public UpsertCounts upsertPrepared(List<Prepared> papers) {
    if (papers.isEmpty()) return UpsertCounts.NONE;
    return jdbi.inTransaction(handle -> writePrepared(handle, papers));
  }

  /**
   * Upserts the papers in one transaction, then runs {@code alsoInTransaction} inside it, so a caller
   * can record its progress (a harvest checkpoint, say) atomically with the papers it wrote.
   */
  public UpsertCounts upsert(List<Paper> papers, Consumer<Handle> alsoInTransaction) {
    return jdbi.inTransaction(handle -> {
      UpsertCounts counts = upsert(handle, papers);
      alsoInTransaction.accept(handle);
      return counts;
    });
  }

  /** Upserts inside a transaction the caller owns. */
  public UpsertCounts upsert(Handle handle, List<Paper> papers) {
    if (papers.isEmpty()) return UpsertCounts.NONE;
    return writePrepared(handle, papers.stream().map(PaperStore::prepare).toList());
  }

  private UpsertCounts writePrepared(Handle handle, List<Prepared> papers) {
    try {
      // PostgreSQL takes a batch fastest as one COPY and a few set-based statements
      if (postgres) return PostgresBulkWriter.write(handle.getConnection(), papers, () -> nextChangeSeq(handle));
      return write(handle.getConnection(), handle, papers);
    } catch (SQLException e) {
      throw new IllegalStateException("writing " + papers.size() + " papers failed: " + e.getMessage(), e);
    }
  }

  private record Stored(int latestVersion, LocalDate lastUpdated, String hash) {}

  private UpsertCounts write(Connection connection, Handle handle, List<Prepared> papers) throws SQLException {
    Map<String, Stored> stored = loadStored(handle, papers);
    int inserted = 0, updated = 0, unchanged = 0;
    long seq = -1;
    // Plain JDBC batches: this loop runs for every record of a multi-million-line snapshot.
    try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO papers (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement update = connection.prepareStatement(
            "UPDATE papers SET latest_version=?, title=?, abstract=?, authors=?, authors_parsed=?, primary_category=?,"
                + " categories=?, comments=?, journal_ref=?, doi=?, report_no=?, license=?, submitter=?,"
                + " first_submitted=?, last_updated=?, announced_on=?, content_hash=?, change_seq=? WHERE id=?");
        PreparedStatement addVersion = connection.prepareStatement(
            "INSERT INTO paper_versions (paper_id, version, submitted_at, size) VALUES (?,?,?,?)"
                + " ON CONFLICT (paper_id, version) DO NOTHING")) {
      for (Prepared prepared : papers) {
        Paper paper = prepared.paper();
        String id = paper.id().value();
        String hash = prepared.contentHash();
        Stored before = stored.get(id);
        if (before != null && (before.hash.equals(hash) || isOlder(paper, before))) {
          if (!before.hash.equals(hash)) addVersions(addVersion, paper);
          unchanged++;
          continue;
        }
        if (seq < 0) seq = nextChangeSeq(handle);
        if (before == null) {
          insert.setString(1, id);
          bindFields(insert, 2, prepared, seq);
          insert.addBatch();
          inserted++;
        } else {
          bindFields(update, 1, prepared, seq);
          update.setString(19, id);
          update.addBatch();
          updated++;
        }
        addVersions(addVersion, paper);
        stored.put(id, new Stored(paper.latestVersion(), paper.lastUpdated(), hash));
      }
      insert.executeBatch();
      update.executeBatch();
      addVersion.executeBatch();
    }
    return new UpsertCounts(inserted, updated, unchanged);
  }

  /** Older means a lower version, or the same version with an earlier metadata date. */
  private static boolean isOlder(Paper paper, Stored stored) {
    if (paper.latestVersion() != stored.latestVersion) return paper.latestVersion() < stored.latestVersion;
    return paper.lastUpdated() != null && stored.lastUpdated != null && paper.lastUpdated().isBefore(stored.lastUpdated);
  }

  private static void addVersions(PreparedStatement addVersion, Paper paper) throws SQLException {
    for (Version v : paper.versions()) {
      addVersion.setString(1, paper.id().value());
      addVersion.setInt(2, v.number());
      addVersion.setString(3, v.submittedAt() == null ? null : v.submittedAt().toString());
      addVersion.setString(4, v.size());
      addVersion.addBatch();
    }
  }

  private static void bindFields(PreparedStatement s, int at, Prepared prepared, long seq) throws SQLException {
    Paper p = prepared.paper();
    s.setInt(at, p.latestVersion());
    s.setString(at + 1, p.title());
    s.setString(at + 2, p.abstractText());
    s.setString(at + 3, p.authorsLine());
    s.setString(at + 4, prepared.authorsJson());
    s.setString(at + 5, p.primaryCategory());
    s.setString(at + 6, String.join(" ", p.categories()));
    s.setString(at + 7, p.comments());
    s.setString(at + 8, p.journalRef());
    s.setString(at + 9, p.doi());
    s.setString(at + 10, p.reportNo());
    s.setString(at + 11, p.license());
    s.setString(at + 12, p.submitter());
    s.setString(at + 13, p.firstSubmitted() == null ? null : p.firstSubmitted().toString());
    s.setString(at + 14, p.lastUpdated() == null ? null : p.lastUpdated().toString());
    s.setString(at + 15, p.announcedOn() == null ? null : p.announcedOn().toString());
    s.setString(at + 16, prepared.contentHash());
    s.setLong(at + 17, seq);
  }

  private Map<String, Stored> loadStored(Handle handle, List<Prepared> papers) {
    List<String> ids = papers.stream().map(p -> p.paper().id().value()).distinct().toList();
    Map<String, Stored> stored = new HashMap<>(ids.size() * 2);
    handle.createQuery("SELECT id, latest_version, last_updated, content_hash FROM papers WHERE id IN (<ids>)")
        .bindList("ids", ids)
        .map((rs, ctx) -> {
          String updated = rs.getString(3);
          stored.put(rs.getString(1),
              new Stored(rs.getInt(2), updated == null ? null : LocalDate.parse(updated), rs.getString(4)));
          return null;
        })
        .list();
    return stored;
  }

  /** Every write takes the next number; indexes derived from the store follow these numbers. */
  private static long nextChangeSeq(Handle handle) {
    handle.execute("UPDATE paper_change_counter SET value = value + 1 WHERE name = 'papers'");
    return handle.createQuery("SELECT value FROM paper_change_counter WHERE name = 'papers'").mapTo(Long.class).one();
  }

  private static String contentHash(Paper p, String authorsJson) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder b = new StringBuilder(p.title().length() + p.abstractText().length() + 256);
    for (Object field : new Object[] {p.latestVersion(), p.title(), p.abstractText(), p.authorsLine(),
        authorsJson, p.categories(), p.comments(), p.journalRef(), p.doi(), p.reportNo(),
        p.license(), p.submitter(), p.firstSubmitted(), p.lastUpdated(), p.announcedOn()}) {
      b.append(field).append('\u001f');
    }
    byte[] hash = digest.digest(b.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 16);
  }

  private static String authorsJson(List<Author> authors) {
    List<List<String>> rows = new ArrayList<>(authors.size());
    for (Author a : authors) rows.add(List.of(a.lastName(), a.firstNames(), a.suffix()));
    try {
      return JSON.writeValueAsString(rows);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- reading

  public Optional<Paper> find(ArxivId id) {
    return findAll(List.of(id)).stream().findFirst();
  }

  /** The papers with these ids, in the order asked; ids not in the store are left out. */
  public List<Paper> findAll(Collection<ArxivId> ids) {
    if (ids.isEmpty()) return List.of();
    List<String> keys = ids.stream().map(ArxivId::value).distinct().toList();
    return jdbi.withHandle(handle -> {
      Map<String, Paper> byId = new HashMap<>();
      for (StoredPaper sp : query(handle, "SELECT " + COLUMNS + " FROM papers WHERE id IN (<ids>)", keys)) {
        byId.put(sp.paper().id().value(), sp.paper());
      }
      List<Paper> ordered = new ArrayList<>(keys.size());
      for (String k : keys) {
        Paper p = byId.get(k);
        if (p != null) ordered.add(p);
      }
      return ordered;
    });
  }

  /** A paper with the write number that last changed it. */
  public record StoredPaper(Paper paper, long changeSeq) {}

  /**
   * Papers written after the cursor {@code (afterSeq, afterId)}, oldest write first: a derived index
   * reads this to catch up, and from {@code (0, "")} to rebuild. One range of the index on
   * (change_seq, id), whatever the store's size: written as {@code change_seq > :seq OR (change_seq =
   * :seq AND id > :id)}, SQLite 3.54 read every row after the cursor and sorted them, for each batch.
   */
  static final String CHANGED_AFTER = "SELECT " + COLUMNS + " FROM papers"
      + " WHERE (change_seq, id) > (:seq, :id) ORDER BY change_seq, id LIMIT :limit";

  public List<StoredPaper> changedAfter(long afterSeq, String afterId, int limit) {
    return jdbi.withHandle(handle -> {
      List<StoredPaper> rows = handle.createQuery(CHANGED_AFTER)
          .bind("seq", afterSeq).bind("id", afterId).bind("limit", limit)
          .map((rs, ctx) -> mapRow(rs))
          .list();
      return withVersions(handle, rows);
    });
  }

  public long lastChangeSeq() {
    return jdbi.withHandle(h ->
        h.createQuery("SELECT value FROM paper_change_counter WHERE name = 'papers'").mapTo(Long.class).one());
  }

  private List<StoredPaper> query(Handle handle, String sql, List<String> ids) {
    List<StoredPaper> rows = handle.createQuery(sql).bindList("ids", ids).map((rs, ctx) -> mapRow(rs)).list();
    return withVersions(handle, rows);
  }

  private List<StoredPaper> withVersions(Handle handle, List<StoredPaper> rows) {
    if (rows.isEmpty()) return rows;
    Map<String, List<Version>> versions = new LinkedHashMap<>();
    handle.createQuery("SELECT paper_id, version, submitted_at, size FROM paper_versions WHERE paper_id IN (<ids>)")
        .bindList("ids", rows.stream().map(r -> r.paper().id().value()).toList())
        .map((rs, ctx) -> {
          String at = rs.getString(3);
          versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Version(rs.getInt(2), at == null ? null : Instant.parse(at), rs.getString(4)));
          return null;
        })
        .list();
    List<StoredPaper> out = new ArrayList<>(rows.size());
    for (StoredPaper r : rows) {
      List<Version> vs = versions.getOrDefault(r.paper().id().value(), List.of());
      Paper p = r.paper();
      out.add(new StoredPaper(new Paper(p.id(), p.latestVersion(), p.title(), p.abstractText(), p.authorsLine(),
          p.authors(), p.categories(), p.comments(), p.journalRef(), p.doi(), p.reportNo(), p.license(),
          p.submitter(), vs, p.firstSubmitted(), p.lastUpdated(), p.announcedOn()), r.changeSeq()));
    }
    return out;
  }

  private static StoredPaper mapRow(ResultSet rs) throws SQLException {
    String first = rs.getString("first_submitted");
    String updated = rs.getString("last_updated");
    String announced = rs.getString("announced_on");
    Paper paper = new Paper(
        new ArxivId(rs.getString("id")),
        rs.getInt("latest_version"),
        rs.getString("title"),
        rs.getString("abstract"),
        rs.getString("authors"),
        parseAuthors(rs.getString("authors_parsed")),
        List.of(rs.getString("categories").split(" ")),
        rs.getString("comments"),
        rs.getString("journal_ref"),
        rs.getString("doi"),
        rs.getString("report_no"),
        rs.getString("license"),
        rs.getString("submitter"),
        List.of(),
        first == null ? null : Instant.parse(first),
        updated == null ? null : LocalDate.parse(updated),
        announced == null ? null : LocalDate.parse(announced));
    return new StoredPaper(paper, rs.getLong("change_seq"));
  }

  private static List<Author> parseAuthors(String json) {
    try {
      List<List<String>> rows = JSON.readValue(json, new TypeReference<>() {});
      List<Author> authors = new ArrayList<>(rows.size());
      for (List<String> r : rows) authors.add(new Author(r.get(0), r.get(1), r.get(2)));
      return authors;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("corrupt authors_parsed column: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- announcements

  /** The latest day on which papers of this primary category were announced (any category when null). */
  public Optional<LocalDate> latestAnnouncementDay(String primaryCategory) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT MAX(announced_on) FROM papers"
          + (primaryCategory == null ? "" : " WHERE primary_category = :c"));
      if (primaryCategory != null) q.bind("c", primaryCategory);
      return q.mapTo(String.class).findOne().map(LocalDate::parse);
    });
  }

  /** Papers announced on a day, optionally of one primary category, by id. */
  public List<Paper> announcedOn(LocalDate day, String primaryCategory, int limit) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT " + COLUMNS + " FROM papers WHERE announced_on = :d"
          + (primaryCategory == null ? "" : " AND primary_category = :c") + " ORDER BY id DESC LIMIT :limit");
      q.bind("d", day.toString()).bind("limit", limit);
      if (primaryCategory != null) q.bind("c", primaryCategory);
      return withVersions(h, q.map((rs, ctx) -> mapRow(rs)).list()).stream().map(StoredPaper::paper).toList();
    });
  }

  /** The latest {@code days} days on which any paper was announced, newest first. */
  public List<LocalDate> latestAnnouncementDays(int days) {
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT announced_on FROM papers WHERE announced_on IS NOT NULL"
            + " ORDER BY announced_on DESC LIMIT :n")
        .bind("n", days).mapTo(String.class).list().stream().map(LocalDate::parse).toList());
  }

  /** Papers announced from {@code from} to {@code to}, both included, by id. */
  public List<Paper> announcedBetween(LocalDate from, LocalDate to) {
    return jdbi.withHandle(h -> withVersions(h, h.createQuery("SELECT " + COLUMNS
                + " FROM papers WHERE announced_on >= :f AND announced_on <= :t ORDER BY id")
            .bind("f", from.toString()).bind("t", to.toString()).map((rs, ctx) -> mapRow(rs)).list())
        .stream().map(StoredPaper::paper).toList());
  }

  // ---------------------------------------------------------------- statistics

  public record CategoryCount(String category, long papers) {}

  public record Stats(long papers, long versions, List<CategoryCount> primaryCategories,
      LocalDate earliest, LocalDate latest) {}

  public long count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one());
  }

  /** A paper's id and the day its metadata last changed (null where unknown): what a sitemap lists. */
  public record Listed(ArxivId id, LocalDate lastUpdated) {}

  /** The {@code page}-th slice of {@code size} papers in id order. */
  public List<Listed> listed(long page, int size) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, last_updated FROM papers ORDER BY id LIMIT :n OFFSET :skip")
        .bind("n", size).bind("skip", page * size)
        .map((rs, ctx) -> new Listed(new ArxivId(rs.getString(1)),
            rs.getString(2) == null ? null : LocalDate.parse(rs.getString(2))))
        .list());
  }

  public Stats stats() {
    return jdbi.withHandle(h -> {
      long papers = h.createQuery("SELECT COUNT(*) FROM papers").mapTo(Long.class).one();
      long versions = h.createQuery("SELECT COUNT(*) FROM paper_versions").mapTo(Long.class).one();
      List<CategoryCount> categories = h.createQuery(
              "SELECT primary_category, COUNT(*) AS n FROM papers GROUP BY primary_category ORDER BY n DESC, primary_category")
          .map((rs, ctx) -> new CategoryCount(rs.getString(1), rs.getLong(2)))
          .list();
      // A paper's date is when it was announced, else first submitted, else last updated.
      String date = "COALESCE(announced_on, SUBSTR(first_submitted, 1, 10), last_updated)";
      Map<String, Object> range = h.createQuery("SELECT MIN(" + date + ") AS lo, MAX(" + date + ") AS hi FROM papers")
          .mapToMap().one();
      Object lo = range.get("lo"), hi = range.get("hi");
      return new Stats(papers, versions, categories,
          lo == null ? null : LocalDate.parse(lo.toString()), hi == null ? null : LocalDate.parse(hi.toString()));
    });
  }
}
