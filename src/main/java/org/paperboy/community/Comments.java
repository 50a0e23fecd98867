package org.paperboy.community;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Refusal;
import org.paperboy.support.UserText;

/** Discussion under each paper: plain text, replies one level deep, editable and deletable by their author, hideable by curators. */
public final class Comments {
  public static final int MAX_LENGTH = 5_000;
  static final RateLimiter.Limit PER_ACCOUNT = new RateLimiter.Limit(10, Duration.ofMinutes(10));
  // Generous: many members may share one address; it bounds a script making accounts.
  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit(60, Duration.ofMinutes(10));

  /** One comment as shown: deleted and hidden ones keep their place but not their text. */
  public record Comment(long id, String paperId, long authorId, String authorName, Long parentId, String body,
      String createdAt, String editedAt, boolean deleted, boolean hidden) {
    public boolean visible() {
      return !deleted && !hidden;
    }
  }

  /** A top-level comment with its replies, oldest first. */
  public record Thread(Comment comment, List<Comment> replies) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final RateLimiter limiter;
  private final AuditLog audit;

  public Comments(Database database, Clock clock, RateLimiter limiter, AuditLog audit) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.limiter = limiter;
    this.audit = audit;
  }

  /** Adds a comment, or a reply when {@code parentId} is given; returns its id. */
  public long add(Account author, ArxivId paper, Long parentId, String body) {
    return add(author, paper, parentId, body, null);
  }

  /** As {@link #add(Account, ArxivId, Long, String)}, also counted against the client's address (null: not known). */
  public long add(Account author, ArxivId paper, Long parentId, String body, String clientIp) {
    String text = checkBody(body);
    limiter.acquire("comment:" + author.id(), PER_ACCOUNT, "you are commenting too fast");
    if (clientIp != null) limiter.acquire("comment-ip:" + clientIp, PER_IP, "too many comments from your address");
    return jdbi.inTransaction(h -> {
      boolean paperExists = h.createQuery("SELECT COUNT(*) FROM papers WHERE id = :p").bind("p", paper.value())
          .mapTo(Integer.class).one() == 1;
      if (!paperExists) throw Refusal.notFound("no paper " + paper + " here");
      if (parentId != null) {
        Map<String, Object> parent = h.createQuery("SELECT paper_id, parent_id FROM comments WHERE id = :id")
            .bind("id", parentId).mapToMap().findOne()
            .orElseThrow(() -> Refusal.notFound("no comment " + parentId + " to reply to"));
        if (!paper.value().equals(parent.get("paper_id"))) {
          throw Refusal.badInput("comment " + parentId + " is about another paper");
        }
        if (parent.get("parent_id") != null) {
          throw Refusal.badInput("replies go one level deep: reply to the first comment instead");
        }
      }
      return h.createUpdate("INSERT INTO comments (paper_id, account_id, parent_id, body, created_at) VALUES (:p, :a, :parent, :b, :at)")
          .bind("p", paper.value()).bind("a", author.id()).bind("parent", parentId).bind("b", text)
          .bind("at", clock.instant().toString())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    });
  }

  public void edit(Account author, long commentId, String body) {
    String text = checkBody(body);
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE comments SET body = :b, edited_at = :at WHERE id = :id"
            + " AND account_id = :a AND deleted_at IS NULL")
        .bind("b", text).bind("at", clock.instant().toString()).bind("id", commentId).bind("a", author.id()).execute());
    if (n == 0) throw Refusal.forbidden("you can only edit your own comments");
  }

  public void delete(Account author, long commentId) {
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE comments SET deleted_at = :at WHERE id = :id AND account_id = :a"
            + " AND deleted_at IS NULL")
        .bind("at", clock.instant().toString()).bind("id", commentId).bind("a", author.id()).execute());
    if (n == 0) throw Refusal.forbidden("you can only delete your own comments");
  }

  /** A curator hides (or shows again) someone's comment; recorded in the audit log. */
  public void setHidden(Account curator, long commentId, boolean hidden) {
    Role.CURATOR.require(curator, "hide comments");
    int n = jdbi.withHandle(h -> h.createUpdate("UPDATE comments SET hidden_by = :by WHERE id = :id")
        .bind("by", hidden ? curator.id() : null).bind("id", commentId).execute());
    if (n == 0) throw Refusal.notFound("no comment " + commentId);
    audit.record(curator, hidden ? "hide-comment" : "show-comment", "comment:" + commentId, null);
  }

  /** The threads under a paper, oldest first; deleted and hidden comments keep their place without their text. */
  public List<Thread> threads(ArxivId paper) {
    List<Comment> all = jdbi.withHandle(h -> h.createQuery("SELECT c.*, a.display_name FROM comments c"
            + " JOIN accounts a ON a.id = c.account_id WHERE c.paper_id = :p ORDER BY c.id")
        .bind("p", paper.value())
        .map((rs, ctx) -> {
          boolean deleted = rs.getString("deleted_at") != null;
          boolean hidden = rs.getObject("hidden_by") != null;
          long parent = rs.getLong("parent_id");
          Long parentId = rs.wasNull() ? null : parent;
          return new Comment(rs.getLong("id"), rs.getString("paper_id"), rs.getLong("account_id"),
              rs.getString("display_name"), parentId, deleted || hidden ? "" : rs.getString("body"),
              rs.getString("created_at"), rs.getString("edited_at"), deleted, hidden);
        })
        .list());
    Map<Long, List<Comment>> replies = new LinkedHashMap<>();
    List<Comment> top = new ArrayList<>();
    for (Comment c : all) {
      if (c.parentId() == null) top.add(c);
      else replies.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
    }
    return top.stream().map(c -> new Thread(c, replies.getOrDefault(c.id(), List.of()))).toList();
  }

  /** A member's own comments (for their data download), oldest first; deleted ones are left out. */
  public List<Comment> by(long accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT c.*, a.display_name FROM comments c JOIN accounts a ON a.id ="
            + " c.account_id WHERE c.account_id = :a AND c.deleted_at IS NULL ORDER BY c.id")
        .bind("a", accountId)
        .map((rs, ctx) -> {
          long parent = rs.getLong("parent_id");
          Long parentId = rs.wasNull() ? null : parent;
          return new Comment(rs.getLong("id"), rs.getString("paper_id"), rs.getLong("account_id"),
              rs.getString("display_name"), parentId, rs.getString("body"), rs.getString("created_at"),
              rs.getString("edited_at"), false, rs.getObject("hidden_by") != null);
        })
        .list());
  }

  /** Visible comments per paper id (papers without any are absent). */
  public Map<String, Long> counts(java.util.Collection<ArxivId> papers) {
    if (papers.isEmpty()) return Map.of();
    return jdbi.withHandle(h -> {
      Map<String, Long> counts = new java.util.HashMap<>();
      h.createQuery("SELECT paper_id, COUNT(*) FROM comments WHERE deleted_at IS NULL AND hidden_by IS NULL"
              + " AND paper_id IN (<ids>) GROUP BY paper_id")
          .bindList("ids", papers.stream().map(ArxivId::value).toList())
          .map((rs, ctx) -> counts.put(rs.getString(1), rs.getLong(2))).list();
      return counts;
    });
  }

  /** Changes whenever a comment is added, edited, deleted, hidden or shown again, or a name shown with comments changes. */
  public String version() {
    // the store counts every write to comments and every change of a shown name (V61, ChangeCounters)
    return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT value FROM change_counters WHERE name = 'comments') || ':'"
        + " || (SELECT value FROM change_counters WHERE name = 'accounts')").mapTo(String.class).one());
  }

  /** The paper a comment is about, so a form can lead back to it. */
  public java.util.Optional<ArxivId> paperOf(long commentId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT paper_id FROM comments WHERE id = :id").bind("id", commentId)
        .mapTo(String.class).findOne().map(ArxivId::new));
  }

  private static String checkBody(String body) {
    String text = body == null ? "" : UserText.clean(body, true).strip();
    if (text.isEmpty()) throw Refusal.badInput("a comment may not be empty");
    if (text.length() > MAX_LENGTH) {
      throw Refusal.badInput("a comment may be at most " + MAX_LENGTH
          + " characters; this one has " + text.length());
    }
    return text;
  }
}
