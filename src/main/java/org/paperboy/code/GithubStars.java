package org.paperboy.code;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * GitHub star history ({@code github_repos}, {@code github_stars}): one observation per repository
 * and day. Growth over a window of N days is the newest count minus the count on the latest day at
 * or before the window's start, or, for a repository first seen inside the window, minus its first
 * count there (so a repository observed once has grown by 0).
 */
public final class GithubStars {
  /** The window growth is measured over unless a caller says otherwise. */
  public static final int GROWTH_DAYS = 7;

  private final Jdbi jdbi;

  public GithubStars(Database database) {
    this.jdbi = database.jdbi();
  }

  /** A repository's stars now and their growth over the window. */
  public record Stars(int stars, int growth, int windowDays) {}

  /** Changes whenever an answer is recorded. */
  String version() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) || ':' || COALESCE(MAX(checked_at), '') FROM github_repos")
        .mapTo(String.class).one());
  }

  /** The ETag of GitHub's last full answer for a repository, to ask conditionally. */
  public Optional<String> etag(String repo) {
    return jdbi.withHandle(h -> h.createQuery("SELECT etag FROM github_repos WHERE repo = :r")
        .bind("r", key(repo)).mapTo(String.class).findOne());
  }

  /** Of these repositories, the ones not asked about within {@code freshFor} of {@code now}, in the order given. */
  public List<String> due(List<String> repos, Instant now, Duration freshFor) {
    if (repos.isEmpty()) return List.of();
    Map<String, Instant> checked = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT repo, checked_at FROM github_repos WHERE repo IN (<r>)")
        .bindList("r", repos.stream().map(GithubStars::key).toList())
        .map((rs, ctx) -> Map.entry(rs.getString(1), Instant.parse(rs.getString(2))))
        .forEach(e -> checked.put(e.getKey(), e.getValue())));
    Instant cutoff = now.minus(freshFor);
    return repos.stream().filter(r -> {
      Instant at = checked.get(key(r));
      return at == null || at.isBefore(cutoff);
    }).toList();
  }

  /** GitHub answered with the repository: {@code stars} now, and an ETag for next time. */
  public void observed(String repo, int stars, String etag, Instant at) {
    jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO github_repos (repo, etag, stars, status, checked_at) VALUES (:r, :etag, :stars, 'ok', :at)"
              + " ON CONFLICT (repo) DO UPDATE SET etag = excluded.etag, stars = excluded.stars, status = 'ok',"
              + " checked_at = excluded.checked_at")
          .bind("r", key(repo)).bind("etag", etag).bind("stars", stars).bind("at", at.toString()).execute();
      point(h, key(repo), stars, at);
    });
  }

  /** GitHub answered 304 Not Modified: the last count still stands, and counts as today's. */
  public void unchanged(String repo, Instant at) {
    jdbi.useTransaction(h -> {
      Integer stars = h.createQuery("SELECT stars FROM github_repos WHERE repo = :r").bind("r", key(repo))
          .mapTo(Integer.class).findOne().orElse(null);
      h.createUpdate("UPDATE github_repos SET checked_at = :at WHERE repo = :r").bind("r", key(repo))
          .bind("at", at.toString()).execute();
      if (stars != null) point(h, key(repo), stars, at);
    });
  }

  /** The repository is gone (deleted, made private, blocked): kept, but no longer counted. */
  public void gone(String repo, Instant at) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO github_repos (repo, etag, stars, status, checked_at)"
            + " VALUES (:r, NULL, NULL, 'gone', :at) ON CONFLICT (repo) DO UPDATE SET etag = NULL, status = 'gone',"
            + " checked_at = excluded.checked_at")
        .bind("r", key(repo)).bind("at", at.toString()).execute());
  }

  /** Stars and growth over {@code windowDays} up to {@code today}, for the repositories that have any (keys lower-cased). */
  public Map<String, Stars> of(Collection<String> repos, LocalDate today, int windowDays) {
    if (repos.isEmpty()) return Map.of();
    List<String> keys = repos.stream().map(GithubStars::key).distinct().toList();
    LocalDate start = today.minusDays(windowDays);
    record Point(String repo, LocalDate day, int stars) {}
    List<Point> points = jdbi.withHandle(h -> h.createQuery("SELECT s.repo, s.observed_on, s.stars FROM github_stars s"
            + " JOIN github_repos r ON r.repo = s.repo AND r.status = 'ok'"
            + " WHERE s.repo IN (<r>) AND s.observed_on <= :today ORDER BY s.repo, s.observed_on")
        .bindList("r", keys).bind("today", today.toString())
        .map((rs, ctx) -> new Point(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getInt(3))).list());
    Map<String, Stars> out = new HashMap<>();
    Map<String, Integer> baseline = new HashMap<>();
    for (Point p : points) {
      // points come oldest first: the last one at or before the start wins, else the first inside the window
      if (!p.day().isAfter(start) || !baseline.containsKey(p.repo())) baseline.put(p.repo(), p.stars());
      out.put(p.repo(), new Stars(p.stars(), p.stars() - baseline.get(p.repo()), windowDays));
    }
    return out;
  }

  private static void point(Handle h, String repo, int stars, Instant at) {
    h.createUpdate("INSERT INTO github_stars (repo, observed_on, stars) VALUES (:r, :day, :stars)"
            + " ON CONFLICT (repo, observed_on) DO UPDATE SET stars = excluded.stars")
        .bind("r", repo).bind("day", LocalDate.ofInstant(at, ZoneOffset.UTC).toString()).bind("stars", stars).execute();
  }

  static String key(String repo) {
    return repo.toLowerCase(Locale.ROOT);
  }
}
