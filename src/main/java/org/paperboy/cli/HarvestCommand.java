package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.ingest.DailyPapersHarvester;
import org.paperboy.ingest.GithubHarvester;
import org.paperboy.ingest.OaiPmhHarvester;
import org.paperboy.ingest.PoliteHttp;
import org.paperboy.ingest.Politeness;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "harvest", mixinStandardHelpOptions = true,
    description = {"Harvests arXiv metadata over OAI-PMH (ListRecords), page by page; or, with --source daily-papers,"
            + " mirrors a public daily-papers list day by day; or, with --source github, records the stars of the"
            + " GitHub repositories recent papers link to.",
        "Each page is committed with a checkpoint: an interrupted harvest resumes where it stopped, and the"
            + " next run starts from the day the last one started. At most one request every 3 s; 503/429"
            + " Retry-After is honoured."})
final class HarvestCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--source", paramLabel = "arxiv|daily-papers|github", defaultValue = "arxiv",
      description = "What to harvest: arxiv (OAI-PMH; default), daily-papers (a public daily list's JSON API) or github"
          + " (stars of the repositories papers link to).")
  String source;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Base URL (default: " + OaiPmhHarvester.ENDPOINT + ", for daily-papers "
          + DailyPapersHarvester.ENDPOINT + ", for github " + GithubHarvester.ENDPOINT + ").")
  URI endpoint;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "daily-papers: harvest this one day.")
  LocalDate date;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD",
      description = "daily-papers: harvest every day from this one to today (default: from the latest day already"
          + " listed, to refresh its counts). github: repositories of papers listed or announced since this day"
          + " (default: the last 30 days).")
  LocalDate since;

  @Option(names = "--set", paramLabel = "SET",
      description = "An OAI set such as cs or cs:cs:AI; repeat for several, harvested one after another"
          + " (default: the whole repository).")
  List<String> sets = List.of();

  @Option(names = "--from", paramLabel = "YYYY-MM-DD",
      description = "Harvest records changed on or after this day (default: the day the last finished run started).")
  LocalDate from;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "arXivRaw",
      description = "arXivRaw (version history; default) or arXiv (parsed author names).")
  String format;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
      description = "github: ask about at most this many repositories, most recent papers first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--github-token", paramLabel = "TOKEN",
      description = "github: a token (5,000 requests an hour instead of 60); prefer PAPERBOY_GITHUB_TOKEN or the config file.")
  String githubToken;

  // Tests point this at a fake server on 127.0.0.1; Politeness refuses it for any other host.
  @Option(names = "--request-interval", hidden = true, paramLabel = "DURATION")
  Duration requestInterval;

  // The same for the first wait after a failure (it doubles each time).
  @Option(names = "--retry-backoff", hidden = true, paramLabel = "DURATION")
  Duration retryBackoff;

  @Override
  public Integer call() {
    if (source.equals("daily-papers")) return harvestDailyPapers();
    if (source.equals("github")) return harvestGithub();
    if (!source.equals("arxiv")) throw Refusal.badInput("--source must be arxiv, daily-papers or github, not '" + source + "'");
    if (date != null || since != null) throw Refusal.badInput("--date and --since go with --source daily-papers; use --from");
    if (endpoint == null) endpoint = OaiPmhHarvester.ARXIV_ENDPOINT;
    Politeness politeness = politeness(endpoint);
    OaiPmhHarvester.Request request = new OaiPmhHarvester.Request(endpoint, format, sets, from);
    try (Paperboy app = global.create(); PoliteHttp http = app.arxivHttp(politeness)) {
      OaiPmhHarvester.Summary s = app.harvester(http).harvest(request, Progress.onTerminal());
      System.out.println("harvest " + endpoint + ": " + s);
      app.codeLinks().catchUp();
      app.staticVectorsForNewPapers().ifPresent(v -> System.out.println(app.search().model().id() + " " + v));
    }
    return 0;
  }

  private int harvestGithub() {
    if (limit < 1) throw Refusal.badInput("--limit must be at least 1, got " + limit);
    if (date != null || !sets.isEmpty() || from != null) throw Refusal.badInput("--source github takes --since, not --date, --set or --from");
    URI api = endpoint == null ? GithubHarvester.PUBLIC_API : endpoint;
    Politeness politeness = requestInterval == null ? Politeness.github() : Politeness.github().withMinInterval(requestInterval, api);
    try (Paperboy app = global.open(); PoliteHttp http = app.arxivHttp(politeness)) {
      app.codeLinks().catchUp();
      LocalDate first = since != null ? since : LocalDate.now(app.clock()).minusDays(30);
      GithubHarvester.Summary s = new GithubHarvester(http, app.codeLinks(), app.githubStars(), app.clock())
          .harvest(api, first, limit, githubToken, Progress.onTerminal());
      System.out.println("harvest " + api + " (papers since " + first + "): " + s);
    }
    return 0;
  }

  private Politeness politeness(URI api) {
    Politeness politeness = Politeness.arxiv();
    if (requestInterval != null) politeness = politeness.withMinInterval(requestInterval, api);
    if (retryBackoff != null) politeness = politeness.withBackoff(retryBackoff, api);
    return politeness;
  }

  private int harvestDailyPapers() {
    URI api = endpoint == null ? DailyPapersHarvester.PUBLIC_ENDPOINT : endpoint;
    if (date != null && since != null) throw Refusal.badInput("give --date or --since, not both");
    Politeness politeness = politeness(api);
    try (Paperboy app = global.create(); PoliteHttp http = app.arxivHttp(politeness)) {
      LocalDate today = LocalDate.now(app.clock());
      LocalDate from = date != null ? date : since != null ? since : app.dailyList().latestDay().orElse(today);
      LocalDate to = date != null ? date : today;
      DailyPapersHarvester.Summary s = app.dailyPapersHarvester(http).harvest(api, from, to, r -> System.err.println("rejected " + r));
      System.out.println("harvest " + api + " " + from + " … " + to + ": " + s);
      app.codeLinks().catchUp();
      app.staticVectorsForNewPapers().ifPresent(v -> System.out.println(app.search().model().id() + " " + v));
    }
    return 0;
  }
}
