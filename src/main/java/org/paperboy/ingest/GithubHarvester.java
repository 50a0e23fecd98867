package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperboy.code.CodeLinks;
import org.paperboy.code.GithubStars;
import org.paperboy.support.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks GitHub's REST API for the stars of the repositories recent papers link to, politely: one
 * request at a time, conditional ({@code If-None-Match} with the last ETag, so an unchanged
 * repository costs a 304, which GitHub does not count against an authenticated rate limit), and it
 * stops when {@code X-RateLimit-Remaining} reaches 0, leaving the rest for the next run. A
 * repository asked about within the last {@link #FRESH_FOR} is not asked again.
 */
public final class GithubHarvester {
  public static final String ENDPOINT = "https://api.github.com";
  public static final URI PUBLIC_API = URI.create(ENDPOINT);
  public static final Duration FRESH_FOR = Duration.ofHours(20);
  private static final Logger LOG = LoggerFactory.getLogger(GithubHarvester.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PoliteHttp http;
  private final CodeLinks links;
  private final GithubStars stars;
  private final Clock clock;

  public GithubHarvester(PoliteHttp http, CodeLinks links, GithubStars stars, Clock clock) {
    this.http = http;
    this.links = links;
    this.stars = stars;
    this.clock = clock;
  }

  /** What a run did; {@code leftForLater} repositories wait for the rate limit to reset at {@code resetsAt}. */
  public record Summary(int asked, int updated, int unchanged, int gone, int failed, int leftForLater, Instant resetsAt) {
    @Override
    public String toString() {
      String s = String.format("%d repositories asked: %d updated, %d unchanged (304), %d gone, %d failed", asked, updated,
          unchanged, gone, failed);
      if (leftForLater > 0) s += String.format("; rate limit reached, %d left for the next run%s", leftForLater,
          resetsAt == null ? "" : " (resets at " + resetsAt + ")");
      return s;
    }
  }

  /**
   * @param since repositories of papers listed or announced on or after this day
   * @param limit at most this many repositories
   * @param token a GitHub token (5,000 requests an hour instead of 60), or null
   */
  public Summary harvest(URI api, LocalDate since, int limit, String token, boolean showProgress) {
    List<String> repos = stars.due(links.githubReposOfRecentPapers(since, limit), clock.instant(), FRESH_FOR);
    int updated = 0, unchanged = 0, gone = 0, failed = 0, asked = 0;
    try (Progress progress = new Progress("github stars", repos.size(), () -> 0, showProgress)) {
      for (String repo : repos) {
        PoliteHttp.Response r = http.get(URI.create(api.toString().replaceAll("/+$", "") + "/repos/" + repo),
            headers(repo, token));
        asked++;
        Instant now = clock.instant();
        switch (r.status()) {
          case 200 -> {
            Optional<Integer> count = stargazers(r.body());
            if (count.isPresent()) {
              stars.observed(repo, count.get(), r.header("ETag").orElse(null), now);
              updated++;
            } else {
              LOG.warn("GitHub's answer for {} has no stargazers_count", repo);
              failed++;
            }
          }
          case 304 -> {
            stars.unchanged(repo, now);
            unchanged++;
          }
          case 404, 410, 451 -> {
            stars.gone(repo, now);
            gone++;
          }
          case 403, 429 -> {
            // rate limited (primary or secondary): this repository was not answered
            asked--;
            return new Summary(asked, updated, unchanged, gone, failed, repos.size() - asked, resetAt(r).orElse(null));
          }
          default -> {
            LOG.warn("GitHub answered HTTP {} for {}", r.status(), repo);
            failed++;
          }
        }
        progress.advance(1);
        if (r.header("X-RateLimit-Remaining").map(v -> v.strip().equals("0")).orElse(false) && asked < repos.size()) {
          return new Summary(asked, updated, unchanged, gone, failed, repos.size() - asked, resetAt(r).orElse(null));
        }
      }
    }
    return new Summary(asked, updated, unchanged, gone, failed, 0, null);
  }

  private Map<String, String> headers(String repo, String token) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/vnd.github+json");
    h.put("X-GitHub-Api-Version", "2022-11-28");
    if (token != null && !token.isBlank()) h.put("Authorization", "Bearer " + token.strip());
    stars.etag(repo).ifPresent(etag -> h.put("If-None-Match", etag));
    return h;
  }

  private static Optional<Integer> stargazers(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode count = node == null ? null : node.get("stargazers_count");
      return count != null && count.canConvertToInt() ? Optional.of(count.asInt()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code X-RateLimit-Reset} is in UTC epoch seconds. */
  private static Optional<Instant> resetAt(PoliteHttp.Response r) {
    return r.header("X-RateLimit-Reset").filter(v -> v.strip().matches("\\d{1,12}"))
        .map(v -> Instant.ofEpochSecond(Long.parseLong(v.strip())));
  }
}
