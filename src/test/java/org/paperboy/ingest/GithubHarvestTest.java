package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.code.GithubStars;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.support.MutableClock;

/**
 * harvest --source github against GitHub's documented answers: conditional requests, the rate limit
 * honoured (the rest left for the next run), stars kept as a daily series, growth over a week.
 */
class GithubHarvestTest {
  private static final LocalDate DAY = LocalDate.parse("2026-08-14");

  @TempDir Path dir;


  /** The repositories the recorded day links to, with the star counts the feed recorded (0 where it gave none). */
  private static Map<String, Integer> recordedRepos() throws Exception {
    Map<String, Integer> repos = new LinkedHashMap<>();
    JsonNode day = new ObjectMapper().readTree(TestData.path("hf-daily-papers/raw-api-examples/2026-08-14.json").toFile());
    for (JsonNode item : day) {
      JsonNode p = item.get("paper");
      if (p.hasNonNull("githubRepo")) {
        repos.put(p.get("githubRepo").asText().replace("https://github.com/", "").replaceAll("/$", "").toLowerCase(),
            p.path("githubStars").asInt(0));
      }
    }
    return repos;
  }

  @StoreKinds
  void asksConditionallyStopsAtTheRateLimitAndKeepsADailyStarSeries(String kind) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-08-14T12:00:00Z"));
    Map<String, Integer> repos = recordedRepos();
    try (FakeGithub github = new FakeGithub(10);
        Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)), clock);
        PoliteHttp http = new PoliteHttp(Politeness.github().withMinInterval(Duration.ZERO, github.api()), clock)) {
      app.dailyFeedImporter().importFile(TestData.path("hf-daily-papers/raw-api-examples/2026-08-14.json"), r -> {});
      app.codeLinks().catchUp();
      List<String> asked = app.codeLinks().githubReposOfRecentPapers(DAY.minusDays(30), 1000);
      assertThat(asked).containsAll(repos.keySet());
      asked.forEach(r -> github.repo(r, repos.getOrDefault(r, 5)));
      GithubHarvester harvester = new GithubHarvester(http, app.codeLinks(), app.githubStars(), clock);

      // 10 requests left this hour: the run stops there and says when the limit resets
      GithubHarvester.Summary first = harvester.harvest(github.api(), DAY.minusDays(30), 1000, "ghp_test", false);
      assertThat(first.asked()).isEqualTo(10);
      assertThat(first.updated()).isEqualTo(10);
      assertThat(first.leftForLater()).isEqualTo(asked.size() - 10);
      assertThat(first.resetsAt()).isEqualTo(Instant.ofEpochSecond(1_372_700_873L));
      assertThat(github.hits()).allSatisfy(h -> {
        assertThat(h.accept()).isEqualTo("application/vnd.github+json");
        assertThat(h.apiVersion()).isEqualTo("2022-11-28");
        assertThat(h.authorization()).isEqualTo("Bearer ghp_test");
        assertThat(h.ifNoneMatch()).as("nothing known yet").isNull();
      });

      // the limit reset: the next run asks only about the repositories not asked today
      github.rateLimit(60);
      GithubHarvester.Summary second = harvester.harvest(github.api(), DAY.minusDays(30), 1000, null, false);
      assertThat(second.asked()).isEqualTo(asked.size() - 10);
      assertThat(github.hits()).extracting(FakeGithub.Hit::repo).doesNotHaveDuplicates().hasSize(asked.size());

      // a week later: most unchanged (304), one gained 40 stars, one was deleted
      clock.advance(Duration.ofDays(7));
      String grown = "amap-ml/dreamx-phi", gone = "ulab-uiuc/llmrouter";
      github.repo(grown, repos.get(grown) + 40).delete(gone);
      int before = github.hits().size();
      GithubHarvester.Summary third = harvester.harvest(github.api(), DAY.minusDays(30), 1000, null, false);
      assertThat(third.updated()).isEqualTo(1);
      assertThat(third.gone()).isEqualTo(1);
      assertThat(third.unchanged()).isEqualTo(asked.size() - 2);
      assertThat(github.hits().subList(before, github.hits().size())).allSatisfy(h -> assertThat(h.ifNoneMatch()).startsWith("W/\""));

      Map<String, GithubStars.Stars> week = app.githubStars().of(asked, DAY.plusDays(7), 7);
      assertThat(week.get(grown)).isEqualTo(new GithubStars.Stars(repos.get(grown) + 40, 40, 7));
      assertThat(week).doesNotContainKey(gone);
      String steady = asked.stream().filter(r -> !r.equals(grown) && !r.equals(gone)).findFirst().orElseThrow();
      assertThat(week.get(steady).growth()).isZero();
      assertThat(app.githubStars().of(List.of(grown), DAY.plusDays(7), 3).get(grown).growth())
          .as("the baseline is the last count at or before the window's start (a week ago)").isEqualTo(40);
      assertThat(app.githubStars().of(List.of(grown), DAY, 7).get(grown).growth()).as("one point: no growth yet").isZero();
    }
  }
}
