package org.paperboy.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.paperboy.Config;
import org.paperboy.Server;
import org.paperboy.ingest.ArxivApiClient;
import org.paperboy.support.GracefulStop;
import java.nio.file.Path;
import java.util.List;
import org.paperboy.ingest.AnnouncementCalendar;
import org.paperboy.ingest.HarvestJobs;
import org.paperboy.ingest.OaiPmhHarvester;
import org.paperboy.ingest.Politeness;
import org.paperboy.support.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serves the site, the JSON API and the Atom feeds until stopped (Ctrl-C or SIGTERM); sends queued mail.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin GlobalOptions global;
  @Mixin MailOptions mail;

  @Option(names = "--port", defaultValue = "" + Config.DEFAULT_PORT,
      description = "Port, 1-65535, or 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = Config.DEFAULT_HOST,
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--submission-window", paramLabel = "DAYS", defaultValue = "" + Config.DEFAULT_SUBMISSION_WINDOW_DAYS,
      description = "How old a paper's first version may be for a member to submit it (default: ${DEFAULT-VALUE}).")
  int submissionWindowDays;

  @Option(names = "--arxiv-api", paramLabel = "URL", defaultValue = ArxivApiClient.ENDPOINT,
      description = "arXiv API used to fetch submitted papers missing from the store (default: ${DEFAULT-VALUE}).")
  URI arxivApi;

  @Option(names = "--behind-proxy", description = "A reverse proxy is in front: count visitors (for rate limits) by the"
      + " address it appends to X-Forwarded-For. Never set it without one: the header is easy to forge.")
  boolean behindProxy;

  @Option(names = "--embed-threads", defaultValue = "" + Config.DEFAULT_EMBED_THREADS,
      description = "Threads that give papers their vectors in the background (default: ${DEFAULT-VALUE}); they take"
          + " a share of the CPU only while pages are served. 0 leaves it to `embed` workers.")
  int embedThreads;

  @Option(names = "--harvest-set", paramLabel = "SET", split = ",",
      description = "Harvest this OAI set (e.g. cs:cs:AI) from arXiv after every announcement; repeat for several"
          + " (in the config file: harvest-set=cs:cs:AI,cs:cs:CL). Default: no scheduled harvest.")
  List<String> harvestSets = List.of();

  @Option(names = "--oai-endpoint", paramLabel = "URL", defaultValue = OaiPmhHarvester.ENDPOINT,
      description = "The OAI-PMH endpoint the scheduled harvest asks (default: ${DEFAULT-VALUE}).")
  URI oaiEndpoint;

  @Option(names = "--arxiv-holidays", paramLabel = "FILE",
      description = "Evenings without an arXiv announcement, one YYYY-MM-DD a line (default: the list that ships"
          + " with Paperboy; see the README).")
  Path arxivHolidays;

  @Option(names = "--mirror-daily-papers", paramLabel = "URL",
      description = "Also mirror this daily-papers JSON API every --mirror-every (another Paperboy's /api/daily_papers,"
          + " or%nhttps://huggingface.co/api/daily_papers).")
  URI mirrorDailyPapers;

  @Option(names = "--mirror-every", paramLabel = "DURATION", defaultValue = "PT1H",
      description = "How often the mirror runs, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  Duration mirrorEvery;

  // Tests point the harvests at a fake server on 127.0.0.1; Politeness refuses it for any other host.
  @Option(names = "--request-interval", hidden = true, paramLabel = "DURATION")
  Duration requestInterval;

  @Option(names = "--metrics-token", paramLabel = "TOKEN",
      description = "/metrics answers only requests with 'Authorization: Bearer TOKEN' (also PAPERBOY_METRICS_TOKEN;"
          + " default: open to whoever reaches the server).")
  String metricsToken;

  @Override
  public Integer call() throws InterruptedException {
    if (submissionWindowDays < 0) throw Refusal.badInput("--submission-window must be 0 or more days");
    if (embedThreads < 0) throw Refusal.badInput("--embed-threads must be 0 or more");
    if (port < 0 || port > 65535) throw Refusal.badInput("--port must be 1-65535 (or 0 for any free port), not " + port);
    HarvestJobs.Settings harvest = harvestSettings(); // a mistyped schedule is said before the store is looked at
    Config config = global.config(mail).withServe(new Config.Serve(host, port, Duration.ofDays(submissionWindowDays),
        arxivApi, behindProxy, embedThreads, null, harvest).withMetricsToken(metricsToken));
    // closed last: a stop (SIGTERM, Ctrl-C) lets the JVM exit once everything the server runs is closed
    try (GracefulStop stop = GracefulStop.listen(Duration.ofMinutes(1)); Server server = listen(config)) {
      if (!config.mail().smtpConfigured()) {
        LOG.warn("NO SMTP SERVER CONFIGURED (--smtp-host / PAPERBOY_SMTP_HOST): sign-in links are NOT mailed,"
            + " they are written to this log. Fine on a laptop, never in production.");
      } else {
        LOG.info("mail goes out through {}", config.mail());
      }
      boolean everywhere = host.equals("0.0.0.0") || host.equals("::");
      System.out.println("Paperboy is serving on http://" + (everywhere ? "localhost" : host) + ":" + server.port() + "/"
          + (everywhere ? " and on every interface" : "") + " (Ctrl-C stops it)");
      stop.awaitRequest();
      LOG.info("stopping: finishing the running work first");
    }
    return 0;
  }

  private HarvestJobs.Settings harvestSettings() {
    if (mirrorEvery.isNegative() || mirrorEvery.isZero()) throw Refusal.badInput("--mirror-every must be a positive duration");
    AnnouncementCalendar calendar = arxivHolidays == null ? AnnouncementCalendar.arxiv()
        : AnnouncementCalendar.withHolidaysFrom(arxivHolidays);
    Politeness harvesting = Politeness.arxiv();
    if (requestInterval != null) harvesting = harvesting.withMinInterval(requestInterval, oaiEndpoint);
    return new HarvestJobs.Settings(harvestSets, oaiEndpoint, mirrorDailyPapers, mirrorEvery, calendar, harvesting);
  }

  /** Starts the server once the address is known to be free, so a taken port is one line, not a half-started server. */
  private Server listen(Config config) {
    if (port != 0) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true); // as Jetty does: a port in TIME_WAIT is free
        probe.bind(new InetSocketAddress(host, port));
      } catch (BindException e) {
        if (!String.valueOf(e.getMessage()).contains("in use")) {
          throw Refusal.badInput("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): check --host");
        }
        throw Refusal.conflict("port " + port + " on " + host + " is in use: pass --port (another one, or 0 for any free"
            + " port), or stop what is listening there");
      } catch (IOException | IllegalArgumentException | SecurityException e) {
        throw Refusal.badInput("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "): check --host and --port");
      }
    }
    return Server.start(config);
  }
}
