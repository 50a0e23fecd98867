package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.paperboy.Paperboy;
import java.nio.file.Path;
import java.util.List;
import org.paperboy.ingest.AnnouncementCalendar;
import org.paperboy.ingest.HarvestJobs;
import org.paperboy.schedule.Schedules;
import org.paperboy.ingest.Politeness;
import org.paperboy.mail.OutboxSender;
import org.paperboy.support.Refusal;
import org.paperboy.web.WebServer;
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

  @Option(names = "--port", defaultValue = "${env:PAPERBOY_PORT:-8080}", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--submission-window", paramLabel = "DAYS", defaultValue = "14",
      description = "How old a paper's first version may be for a member to submit it (default: ${DEFAULT-VALUE}).")
  int submissionWindowDays;

  @Option(names = "--arxiv-api", paramLabel = "URL", defaultValue = "https://export.arxiv.org/api/query",
      description = "arXiv API used to fetch submitted papers missing from the store (default: ${DEFAULT-VALUE}).")
  URI arxivApi;

  @Option(names = "--behind-proxy", description = "A reverse proxy is in front: count visitors (for rate limits) by the"
      + " address it appends to X-Forwarded-For. Never set it without one: the header is easy to forge.")
  boolean behindProxy;

  @Option(names = "--harvest-set", paramLabel = "SET", split = ",",
      description = "Harvest this OAI set (e.g. cs:cs:AI) from arXiv after every announcement; repeat for several"
          + " (in the config file: harvest-set=cs:cs:AI,cs:cs:CL). Default: no scheduled harvest.")
  List<String> harvestSets = List.of();

  @Option(names = "--oai-endpoint", paramLabel = "URL", defaultValue = "https://oaipmh.arxiv.org/oai",
      description = "The OAI-PMH endpoint the scheduled harvest asks (default: ${DEFAULT-VALUE}).")
  URI oaiEndpoint;

  @Option(names = "--arxiv-holidays", paramLabel = "FILE",
      description = "Evenings without an arXiv announcement, one YYYY-MM-DD a line (default: the list that ships"
          + " with Paperboy; see the README).")
  Path arxivHolidays;

  @Option(names = "--mirror-daily-papers", paramLabel = "URL",
      description = "Also mirror this daily-papers JSON API (e.g. https://huggingface.co/api/daily_papers, or another"
          + " Paperboy's /api/daily_papers) every --mirror-every.")
  URI mirrorDailyPapers;

  @Option(names = "--mirror-every", paramLabel = "DURATION", defaultValue = "PT1H",
      description = "How often the mirror runs, as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  Duration mirrorEvery;

  // Tests point the harvests at a fake server on 127.0.0.1; Politeness refuses it for any other host.
  @Option(names = "--request-interval", hidden = true, paramLabel = "DURATION")
  Duration requestInterval;

  @Override
  public Integer call() throws Exception {
    if (submissionWindowDays < 0) throw Refusal.badInput("--submission-window must be 0 or more days");
    CountDownLatch stopped = new CountDownLatch(1);
    try (Paperboy app = global.open(mail);
        // new and changed papers become searchable within seconds while the server runs
        AutoCloseable following = app.search().follow(Duration.ofSeconds(10));
        // and their code links are extracted as quickly
        AutoCloseable linking = app.codeLinks().follow(Duration.ofSeconds(10));
        OutboxSender sender = app.newOutboxSender(m -> LOG.warn("gave up on mail {} to {}", m.id(), m.mail().to()));
        // digests and harvests run by themselves; the schedule lives in the store (cluster-safe)
        Schedules schedules = app.schedules(harvestSettings(), Schedules.Settings.DEFAULT, sender::wake).start();
        WebServer server = app.webServer(Duration.ofDays(submissionWindowDays), arxivApi, politeness(), publicUrl(app),
            behindProxy, schedules::status).start(host, port)) {
      sender.start(2_000);
      if (!app.config().mail().smtpConfigured()) {
        String warning = "NO SMTP SERVER CONFIGURED (--smtp-host / PAPERBOY_SMTP_HOST): sign-in links are NOT mailed,"
            + " they are written to this log. Fine on a laptop, never in production.";
        LOG.warn(warning);
        System.err.println("*** " + warning + " ***");
      } else {
        LOG.info("mail goes out through {}", app.config().mail());
      }
      System.out.println("Paperboy is serving on http://localhost:" + server.port() + "/ (Ctrl-C stops it)");
      // The shutdown hook lets the try-with-resources close the server and the store cleanly.
      Thread main = Thread.currentThread();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopped.countDown();
        try {
          main.join(10_000);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      }));
      stopped.await();
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

  /** --public-url (a mail option); left at its default, the links follow --port instead of assuming 8080. */
  private URI publicUrl(Paperboy app) {
    String url = app.config().baseUrl();
    return url.equals("http://localhost:8080") ? null : URI.create(url);
  }

  /** A member waits for the page, so a submission tries arXiv twice, not six times. */
  private static Politeness politeness() {
    return Politeness.arxiv().withMaxAttempts(2);
  }
}
