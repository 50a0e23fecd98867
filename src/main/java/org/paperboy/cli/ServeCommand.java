package org.paperboy.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.paperboy.Paperboy;
import org.paperboy.digest.DigestSchedule;
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
  /** The longest a stop may take: requests in flight get {@link WebServer#DRAIN} of it, the mail being sent the rest. */
  private static final Duration STOP_BOUND = Duration.ofSeconds(20);

  @Mixin GlobalOptions global;
  @Mixin MailOptions mail;

  @Option(names = "--port", defaultValue = "${env:PAPERBOY_PORT:-8080}",
      description = "Port, 1-65535, or 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
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

  @Override
  public Integer call() throws Exception {
    if (submissionWindowDays < 0) throw Refusal.badInput("--submission-window must be 0 or more days");
    if (port < 0 || port > 65535) throw Refusal.badInput("--port must be 1-65535 (or 0 for any free port), not " + port);
    CountDownLatch stopped = new CountDownLatch(1), closed = new CountDownLatch(1);
    try (Paperboy app = global.open(mail);
        OutboxSender sender = app.newOutboxSender(m -> LOG.warn("gave up on mail {} to {}", m.id(), m.mail().to()));
        WebServer server = listen(app.webServer(Duration.ofDays(submissionWindowDays), arxivApi, politeness(), publicUrl(app),
            behindProxy));
        // digests come due in each subscriber's time zone; the schedule lives in the store (cluster-safe)
        DigestSchedule schedule = new DigestSchedule(app.database().dataSource(), app.digests(), app.clock(),
            Duration.ofMinutes(5), sender::wake).start();
        // new and changed papers become searchable within seconds while the server runs (stopped first)
        AutoCloseable following = app.search().follow(Duration.ofSeconds(10))) {
      sender.start(2_000);
      if (!app.config().mail().smtpConfigured()) {
        LOG.warn("NO SMTP SERVER CONFIGURED (--smtp-host / PAPERBOY_SMTP_HOST): sign-in links are NOT mailed,"
            + " they are written to this log. Fine on a laptop, never in production.");
      } else {
        LOG.info("mail goes out through {}", app.config().mail());
      }
      boolean everywhere = host.equals("0.0.0.0") || host.equals("::");
      System.out.println("Paperboy is serving on http://" + (everywhere ? "localhost" : host) + ":" + server.port() + "/"
          + (everywhere ? " and on every interface" : "") + " (Ctrl-C stops it)");
      // SIGTERM or Ctrl-C: the hook lets the try-with-resources below finish what is in flight (requests,
      // the mail being sent) and close the store, and holds the JVM open until it has. It waits for that,
      // not for this thread, which never ends: after the hook, Main's System.exit blocks for good.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stopped.countDown();
        try {
          closed.await(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      }, "serve-shutdown"));
      stopped.await();
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /** Starts listening, or says in one line why it cannot (the port is taken, the address is not this machine's). */
  private WebServer listen(WebServer server) {
    try {
      return server.start(host, port);
    } catch (RuntimeException e) {
      server.close();
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof java.net.BindException)) cause = cause.getCause();
      if (cause instanceof java.net.BindException && String.valueOf(cause.getMessage()).contains("in use")) {
        throw Refusal.conflict("port " + port + " on " + host + " is in use: pass --port (another one, or 0 for any free"
            + " port), or stop what is listening there");
      }
      throw Refusal.badInput("cannot listen on " + host + ":" + port + " (" + cause.getMessage() + "): check --host and --port");
    }
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
