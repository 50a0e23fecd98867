package org.paperboy.personal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.paperboy.db.Database;
import org.paperboy.search.SearchMode;
import org.paperboy.support.Refusal;
import org.paperboy.support.Signer;

/**
 * Follows of authors, categories and saved searches. Each has an Atom feed at a URL carrying a token
 * signed over (follow, generation): private (unguessable), needing no cookie (feed readers have
 * none), and revocable by raising the generation.
 */
public final class Follows {
  public static final int MAX_TARGET = 200;
  public static final int MAX_FOLLOWS = 200;
  private static final Pattern CATEGORY = Pattern.compile("[a-z\\-]+(\\.[A-Za-z\\-]+)?");

  private static final RowMapper<Follow> MAPPER = (rs, ctx) -> {
    String[] filters = rs.getString("filters").split("&", -1);
    String mode = "", category = "";
    for (String f : filters) {
      if (f.startsWith("mode=")) mode = f.substring(5);
      if (f.startsWith("category=")) category = f.substring(9);
    }
    return new Follow(rs.getLong("id"), rs.getLong("account_id"), Follow.Kind.parse(rs.getString("kind")),
        rs.getString("target"), mode, category, rs.getInt("generation"), rs.getInt("in_digest") == 1);
  };

  private final Jdbi jdbi;
  private final Clock clock;
  private final PersonalVersions versions;
  private final Signer feedSigner;

  public Follows(Database database, Clock clock, PersonalVersions versions, Signer feedSigner) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.versions = versions;
    this.feedSigner = feedSigner;
  }

  /**
   * Follows; following the same thing twice keeps one follow and returns it.
   *
   * @param mode for a search: hybrid, bm25 or semantic ("" for the default)
   * @param category for a search: a category filter ("" for none)
   */
  public Follow follow(long accountId, Follow.Kind kind, String target, String mode, String category) {
    String t = clean(target);
    String m = mode == null ? "" : mode.strip().toLowerCase(java.util.Locale.ROOT);
    String c = category == null ? "" : category.strip();
    if (kind == Follow.Kind.CATEGORY) {
      if (!CATEGORY.matcher(t).matches()) throw Refusal.badInput("category: '" + t + "' is not an arXiv category such as cs.CL");
      m = "";
      c = "";
    }
    if (kind == Follow.Kind.AUTHOR) {
      m = "";
      c = "";
    }
    if (!m.isEmpty()) {
      String typed = m;  // a saved search keeps the mode's own name, whichever name the form or URL used
      m = SearchMode.named(m).map(SearchMode::label).orElseThrow(() -> Refusal.badInput(
          "mode: hybrid, bm25 (keywords) or semantic (meaning), not '" + typed + "'"));
    }
    if (!c.isEmpty() && !CATEGORY.matcher(c).matches()) throw Refusal.badInput("category: '" + c + "' is not an arXiv category");
    String filters = kind == Follow.Kind.SEARCH ? "mode=" + m + "&category=" + c : "";
    return jdbi.inTransaction(h -> {
      long count = h.createQuery("SELECT COUNT(*) FROM follows WHERE account_id = :a").bind("a", accountId)
          .mapTo(Long.class).one();
      if (count >= MAX_FOLLOWS) throw Refusal.badInput("at most " + MAX_FOLLOWS + " follows per member");
      int n = h.createUpdate("INSERT INTO follows (account_id, kind, target, filters, created_at)"
              + " VALUES (:a, :k, :t, :f, :at) ON CONFLICT (account_id, kind, target, filters) DO NOTHING")
          .bind("a", accountId).bind("k", kind.dbValue()).bind("t", t).bind("f", filters)
          .bind("at", clock.instant().toString()).execute();
      if (n > 0) versions.bump(h, accountId);
      return h.createQuery("SELECT * FROM follows WHERE account_id = :a AND kind = :k AND target = :t AND filters = :f")
          .bind("a", accountId).bind("k", kind.dbValue()).bind("t", t).bind("f", filters).map(MAPPER).one();
    });
  }

  private static String clean(String target) {
    String t = target == null ? "" : target.replaceAll("[\\p{Cc}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
    if (t.isEmpty()) throw Refusal.badInput("target: say what to follow");
    if (t.length() > MAX_TARGET) throw Refusal.badInput("target: at most " + MAX_TARGET + " characters");
    return t;
  }

  public List<Follow> of(long accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM follows WHERE account_id = :a ORDER BY kind, target")
        .bind("a", accountId).map(MAPPER).list());
  }

  /** The member's own follow, or a refusal that says nothing about anyone else's. */
  public Follow owned(long accountId, long followId) {
    return find(followId).filter(f -> f.ownerId() == accountId)
        .orElseThrow(() -> Refusal.notFound("no follow " + followId));
  }

  private Optional<Follow> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM follows WHERE id = :id").bind("id", id).map(MAPPER).findOne());
  }

  public void unfollow(long accountId, long followId) {
    owned(accountId, followId);
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM follows WHERE id = :id").bind("id", followId).execute();
      versions.bump(h, accountId);
    });
  }

  /** Whether the follow's papers also go into the member's email digest. */
  public void setInDigest(long accountId, long followId, boolean inDigest) {
    owned(accountId, followId);
    jdbi.useHandle(h -> h.createUpdate("UPDATE follows SET in_digest = :d WHERE id = :id")
        .bind("d", inDigest ? 1 : 0).bind("id", followId).execute());
  }

  /** A new feed token for the follow; the old link stops working at once. */
  public Follow revokeFeed(long accountId, long followId) {
    owned(accountId, followId);
    jdbi.useHandle(h -> h.createUpdate("UPDATE follows SET generation = generation + 1 WHERE id = :id")
        .bind("id", followId).execute());
    return owned(accountId, followId);
  }

  /** The token of the follow's feed URL. */
  public String feedToken(Follow follow) {
    return feedSigner.signatureOf(feedPayload(follow));
  }

  /** The follow whose feed this token opens, if the token is its current one. */
  public Optional<Follow> byFeedToken(long followId, String token) {
    return find(followId).filter(f -> feedSigner.signs(feedPayload(f), token));
  }

  private static String feedPayload(Follow follow) {
    return "follow:" + follow.id() + ":" + follow.generation();
  }
}
