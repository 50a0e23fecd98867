package org.paperboy.code;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.code.CodeLink.Kind;
import org.paperboy.db.Database;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.StoredPaper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The code links of every paper ({@code code_links}). Links in a paper's abstract and comments are
 * extracted by following the store's change numbers ({@link #catchUp()}: after every import, harvest
 * and fetch, and every few seconds while serving), so they change whenever the paper's text does;
 * links a daily-papers feed names ({@code githubRepo}, {@code projectPage}) are kept beside them.
 */
public final class CodeLinks {
  private static final Logger LOG = LoggerFactory.getLogger(CodeLinks.class);
  private static final int BATCH = 1_000;
  private static final int FEED_POSITION = 1_000;

  private final Jdbi jdbi;
  private final PaperStore papers;

  public CodeLinks(Database database, PaperStore papers) {
    this.jdbi = database.jdbi();
    this.papers = papers;
  }

  /** Extracts the links of every paper written since the last catch-up; returns how many papers it read. */
  public long catchUp() {
    long read = 0;
    while (true) {
      Cursor at = jdbi.withHandle(h -> h.createQuery("SELECT change_seq, paper_id FROM code_links_position WHERE name = 'papers'")
          .map((rs, ctx) -> new Cursor(rs.getLong(1), rs.getString(2))).one());
      List<StoredPaper> batch = papers.changedAfter(at.seq(), at.id(), BATCH);
      if (batch.isEmpty()) return read;
      StoredPaper last = batch.getLast();
      jdbi.useTransaction(h -> {
        for (StoredPaper p : batch) replaceTextLinks(h, p.paper().id().value(),
            CodeLinkExtractor.extract(p.paper().abstractText(), p.paper().comments()));
        h.createUpdate("UPDATE code_links_position SET change_seq = :seq, paper_id = :id WHERE name = 'papers'")
            .bind("seq", last.changeSeq()).bind("id", last.paper().id().value()).execute();
      });
      read += batch.size();
    }
  }

  /** Changes whenever links are written: the follower's position and the number of links. */
  String version() {
    return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT change_seq FROM code_links_position WHERE name = 'papers')"
        + " || ':' || (SELECT COUNT(*) FROM code_links)").mapTo(String.class).one());
  }

  /** Catches up every {@code every} until closed (for a long-running process). */
  public AutoCloseable follow(Duration every) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().daemon().name("code-links-follow").unstarted(r));
    executor.scheduleWithFixedDelay(() -> {
      try {
        catchUp();
      } catch (RuntimeException e) {
        LOG.warn("extracting code links failed; trying again in {} s", every.toSeconds(), e);
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return () -> {
      executor.shutdown();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    };
  }

  /**
   * Keeps what a daily-papers feed says about a paper's code, in the caller's transaction: its
   * {@code githubRepo} and {@code projectPage} (either may be null). Unusable URLs are ignored.
   */
  public void recordFromFeed(Handle h, ArxivId paper, String githubRepo, String projectPage) {
    int position = FEED_POSITION;
    for (String raw : new String[] {githubRepo, projectPage}) {
      if (raw == null || raw.isBlank()) continue;
      CodeLink link = CodeLinkExtractor.classify(raw);
      if (link == null) continue;
      insert(h, paper.value(), link, "feed", position++);
    }
  }

  /** The links of one paper, in order. */
  public PaperCode of(ArxivId paper) {
    return of(List.of(paper)).getOrDefault(paper.value(), PaperCode.NONE);
  }

  /** The links of these papers by id; papers without links are absent. */
  public Map<String, PaperCode> of(Collection<ArxivId> ids) {
    if (ids.isEmpty()) return Map.of();
    List<String> keys = ids.stream().map(ArxivId::value).distinct().toList();
    Map<String, List<CodeLink>> links = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT paper_id, kind, url, repo FROM code_links WHERE paper_id IN (<ids>)"
            + " ORDER BY paper_id, position")
        .bindList("ids", keys)
        .map((rs, ctx) -> Map.entry(rs.getString(1), new CodeLink(Kind.ofKey(rs.getString(2)), rs.getString(3), rs.getString(4))))
        .forEach(e -> links.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
    Map<String, PaperCode> out = new LinkedHashMap<>();
    links.forEach((id, list) -> out.put(id, new PaperCode(list)));
    return out;
  }

  /**
   * GitHub repositories (owner/repo, lower-cased) of papers listed on a daily list or announced on or
   * after {@code since}, the most recently listed or announced first: what a star harvest asks about.
   */
  public List<String> githubReposOfRecentPapers(java.time.LocalDate since, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT LOWER(c.repo) AS repo, MAX(COALESCE(d.listing_date, p.announced_on)) AS latest"
            + " FROM code_links c JOIN papers p ON p.id = c.paper_id"
            + " LEFT JOIN daily_entries d ON d.paper_id = c.paper_id"
            + " WHERE c.kind = 'github' AND (d.listing_date >= :since OR p.announced_on >= :since)"
            + " GROUP BY LOWER(c.repo) ORDER BY latest DESC, repo LIMIT :limit")
        .bind("since", since.toString()).bind("limit", limit)
        .map((rs, ctx) -> rs.getString(1)).list());
  }

  private static void replaceTextLinks(Handle h, String paper, List<CodeLink> links) {
    h.createUpdate("DELETE FROM code_links WHERE paper_id = :p AND source = 'text'").bind("p", paper).execute();
    for (int i = 0; i < links.size(); i++) insert(h, paper, links.get(i), "text", i);
  }

  private static void insert(Handle h, String paper, CodeLink link, String source, int position) {
    h.createUpdate("INSERT INTO code_links (paper_id, url, kind, repo, source, position)"
            + " VALUES (:p, :url, :kind, :repo, :source, :position) ON CONFLICT (paper_id, url) DO NOTHING")
        .bind("p", paper).bind("url", link.url()).bind("kind", link.kind().key()).bind("repo", link.repo())
        .bind("source", source).bind("position", position).execute();
  }

  private record Cursor(long seq, String id) {}
}
