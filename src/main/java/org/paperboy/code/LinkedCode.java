package org.paperboy.code;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.ArxivId;

/** What pages and the API show of a paper's code: its links, and its repository's stars where they are tracked. */
public final class LinkedCode {
  private final CodeLinks links;
  private final GithubStars stars;
  private final Clock clock;

  public LinkedCode(CodeLinks links, GithubStars stars, Clock clock) {
    this.links = links;
    this.stars = stars;
    this.clock = clock;
  }

  public PaperCode of(ArxivId paper) {
    return of(List.of(paper)).getOrDefault(paper.value(), PaperCode.NONE);
  }

  /** By paper id; papers without links are absent. */
  public Map<String, PaperCode> of(Collection<ArxivId> papers) {
    Map<String, PaperCode> code = links.of(papers);
    List<String> repos = code.values().stream().flatMap(c -> c.githubKey().stream()).toList();
    Map<String, GithubStars.Stars> counts = stars.of(repos, today(), GithubStars.GROWTH_DAYS);
    if (counts.isEmpty()) return code;
    Map<String, PaperCode> out = new HashMap<>();
    code.forEach((id, c) -> out.put(id, c.withStars(c.githubKey().map(counts::get).orElse(null))));
    return out;
  }

  /** Stars gained over {@link GithubStars#GROWTH_DAYS} days by each paper's repository; untracked papers are absent. */
  public Map<String, Integer> starGrowth(Collection<ArxivId> papers) {
    Map<String, Integer> out = new HashMap<>();
    of(papers).forEach((id, c) -> {
      if (c.stars() != null) out.put(id, c.stars().growth());
    });
    return out;
  }

  /** A fingerprint that changes whenever links are extracted or stars recorded (pages use it for caching). */
  public String version() {
    return links.version() + "/" + stars.version();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
