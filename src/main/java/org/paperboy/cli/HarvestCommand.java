package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.ingest.OaiPmhHarvester;
import org.paperboy.ingest.PoliteHttp;
import org.paperboy.ingest.Politeness;
import org.paperboy.support.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "harvest", mixinStandardHelpOptions = true,
    description = {"Harvests arXiv metadata over OAI-PMH (ListRecords), page by page.",
        "Each page is committed with a checkpoint: an interrupted harvest resumes where it stopped, and the"
            + " next run starts from the day the last one started. At most one request every 3 s; 503/429"
            + " Retry-After is honoured."})
final class HarvestCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--endpoint", paramLabel = "URL", description = "OAI-PMH base URL (default: ${DEFAULT-VALUE}).",
      defaultValue = "https://oaipmh.arxiv.org/oai")
  URI endpoint;

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

  @Override
  public Integer call() {
    Politeness politeness = requestInterval == null ? Politeness.arxiv()
        : Politeness.arxiv().withMinInterval(requestInterval, endpoint);
    OaiPmhHarvester.Request request = new OaiPmhHarvester.Request(endpoint, format, sets, from);
    try (Paperboy app = global.open(); PoliteHttp http = app.arxivHttp(politeness)) {
      OaiPmhHarvester.Summary s = app.harvester(http).harvest(request, Progress.onTerminal());
      System.out.println("harvest " + endpoint + ": " + s);
    }
    return 0;
  }
}
