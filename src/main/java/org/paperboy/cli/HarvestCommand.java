package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.ingest.DailyPapersHarvester;
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
            + " mirrors a public daily-papers list day by day.",
        "Each page is committed with a checkpoint: an interrupted harvest resumes where it stopped, and the"
            + " next run starts from the day the last one started. At most one request every 3 s; 503/429"
            + " Retry-After is honoured."})
final class HarvestCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--source", paramLabel = "arxiv|daily-papers", defaultValue = "arxiv",
      description = "What to harvest: arxiv (OAI-PMH; default) or daily-papers (a public daily list's JSON API).")
  String source;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Base URL (default: " + OaiPmhHarvester.ENDPOINT + ", or for daily-papers "
          + DailyPapersHarvester.ENDPOINT + ").")
  URI endpoint;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "daily-papers: harvest this one day.")
  LocalDate date;

  @Option(names = "--since", paramLabel = "YYYY-MM-DD",
      description = "daily-papers: harvest every day from this one to today (default: from the latest day already"
          + " listed, to refresh its counts).")
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

  // Tests point this at a fake server on 127.0.0.1; Politeness refuses it for any other host.
  @Option(names = "--request-interval", hidden = true, paramLabel = "DURATION")
  Duration requestInterval;

  // The same for the first wait after a failure (it doubles each time).
  @Option(names = "--retry-backoff", hidden = true, paramLabel = "DURATION")
  Duration retryBackoff;

  @Override
  public Integer call() {
    if (source.equals("daily-papers")) return harvestDailyPapers();
    if (!source.equals("arxiv")) throw Refusal.badInput("--source must be arxiv or daily-papers, not '" + source + "'");
    if (date != null || since != null) throw Refusal.badInput("--date and --since go with --source daily-papers; use --from");
    if (endpoint == null) endpoint = OaiPmhHarvester.ARXIV_ENDPOINT;
    Politeness politeness = politeness(endpoint);
    OaiPmhHarvester.Request request = new OaiPmhHarvester.Request(endpoint, format, sets, from);
    try (Paperboy app = global.create(); PoliteHttp http = app.arxivHttp(politeness)) {
      OaiPmhHarvester.Summary s = app.harvester(http).harvest(request, Progress.onTerminal());
      System.out.println("harvest " + endpoint + ": " + s);
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
    }
    return 0;
  }
}
