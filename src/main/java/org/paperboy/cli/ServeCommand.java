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

  @Option(names = "--metrics-token", paramLabel = "TOKEN",
      description = "/metrics answers only requests with 'Authorization: Bearer TOKEN' (also PAPERBOY_METRICS_TOKEN;"
          + " default: open to whoever reaches the server).")
  String metricsToken;

  @Override
  public Integer call() throws InterruptedException {
    if (submissionWindowDays < 0) throw Refusal.badInput("--submission-window must be 0 or more days");
    if (embedThreads < 0) throw Refusal.badInput("--embed-threads must be 0 or more");
    if (port < 0 || port > 65535) throw Refusal.badInput("--port must be 1-65535 (or 0 for any free port), not " + port);
    Config config = global.config(mail).withServe(new Config.Serve(host, port, Duration.ofDays(submissionWindowDays),
        arxivApi, behindProxy, embedThreads, null).withMetricsToken(metricsToken));
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
