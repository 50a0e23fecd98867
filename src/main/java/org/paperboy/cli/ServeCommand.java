package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.digest.DigestSchedule;
import org.paperboy.ingest.Politeness;
import org.paperboy.mail.OutboxSender;
import org.paperboy.support.GracefulStop;
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

  @Option(names = "--embed-threads", defaultValue = "2",
      description = "Threads that give papers their vectors in the background (default: ${DEFAULT-VALUE}); they take"
          + " a share of the CPU only while pages are served. 0 leaves it to `embed` workers.")
  int embedThreads;

  @Override
  public Integer call() throws Exception {
    if (submissionWindowDays < 0) throw Refusal.badInput("--submission-window must be 0 or more days");
    if (embedThreads < 0) throw Refusal.badInput("--embed-threads must be 0 or more");
    // closed last: a stop (SIGTERM, Ctrl-C) lets the JVM exit once everything below is closed
    try (GracefulStop stop = GracefulStop.listen(Duration.ofMinutes(1));
        Paperboy app = global.open(mail);
        // new and changed papers become searchable within seconds while the server runs
        AutoCloseable following = app.search().follow(Duration.ofSeconds(10));
        OutboxSender sender = app.newOutboxSender(m -> LOG.warn("gave up on mail {} to {}", m.id(), m.mail().to()));
        WebServer server = app.webServer(Duration.ofDays(submissionWindowDays), arxivApi, politeness(), publicUrl(app), behindProxy)
            .start(host, port);
        // every paper gets a vector within minutes: quick ones first, then full ones, yielding to visitors
        AutoCloseable embedding = app.backgroundEmbedding(embedThreads, server::pagesServed);
        // digests come due in each subscriber's time zone; the schedule lives in the store (cluster-safe)
        DigestSchedule schedule = new DigestSchedule(app.database().dataSource(), app.digests(), app.clock(),
            Duration.ofMinutes(5), sender::wake).start()) {
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
      stop.awaitRequest();
      LOG.info("stopping: finishing the running work first");
    }
    return 0;
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
