package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.ingest.ArxivApiClient;
import org.paperboy.ingest.PoliteHttp;
import org.paperboy.ingest.Politeness;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {"Fetches papers by arXiv id from the arXiv API and stores them.",
        "Ids may be new or old style, versioned or not: 2401.01234, 2401.01234v2, hep-th/9901001."})
final class FetchCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Parameters(arity = "1..*", paramLabel = "ARXIV_ID", description = "The papers to fetch.")
  List<String> ids;

  @Option(names = "--endpoint", paramLabel = "URL", defaultValue = ArxivApiClient.ENDPOINT,
      description = "arXiv API query URL (default: ${DEFAULT-VALUE}).")
  URI endpoint;

  // Tests point this at a fake server on 127.0.0.1; Politeness refuses it for any other host.
  @Option(names = "--request-interval", hidden = true, paramLabel = "DURATION")
  Duration requestInterval;

  @Override
  public Integer call() {
    // Parse every id first, so a typo fails before any request is made.
    List<ArxivId.Versioned> parsed = ids.stream().map(ArxivId::parseVersioned).toList();
    Politeness politeness = requestInterval == null ? Politeness.arxiv()
        : Politeness.arxiv().withMinInterval(requestInterval, endpoint);
    try (Paperboy app = global.create(); PoliteHttp http = app.arxivHttp(politeness)) {
      ArxivApiClient api = app.arxivApi(http, endpoint);
      List<Paper> papers = api.fetchAll(parsed);
      PaperStore.UpsertCounts counts = app.papers().upsert(papers);
      for (Paper p : papers) System.out.println(p.id() + "v" + p.latestVersion() + "  " + p.title());
      System.out.printf("fetched %d: inserted %d, updated %d, unchanged %d%n", papers.size(), counts.inserted(),
          counts.updated(), counts.unchanged());
      app.codeLinks().catchUp();
    }
    return 0;
  }
}
