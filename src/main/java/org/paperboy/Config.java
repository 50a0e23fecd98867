package org.paperboy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.paperboy.db.Database;
import org.paperboy.ingest.ArxivApiClient;
import org.paperboy.ingest.HarvestJobs;
import org.paperboy.mail.MailSettings;

/**
 * Everything an instance is told rather than works out: where it keeps its files, which database it
 * uses, how it sends mail, the public address its links point to, and how a running server behaves
 * ({@link Serve}). Commands map their options onto one of these; {@link Paperboy} and {@link Server}
 * build everything from it. Every default is written here once (the arXiv endpoints next to their
 * clients in {@code ingest}).
 */
public record Config(Path dataDir, String databaseUrl, MailSettings mail, String baseUrl, Serve serve) {
  /** This machine only: listening on every interface is a choice (--host 0.0.0.0), not a default. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  /** Where links point when nobody said: this machine at the default port. */
  public static final String DEFAULT_BASE_URL = "http://localhost:" + DEFAULT_PORT;
  public static final int DEFAULT_SUBMISSION_WINDOW_DAYS = 14;
  public static final int DEFAULT_EMBED_THREADS = 2;

  /**
   * How a running server ({@link Server}) behaves. A setting for a new background service goes here,
   * with its default in {@link #DEFAULTS}.
   *
   * @param host the address to listen on
   * @param port the port; 0 picks a free one
   * @param submissionWindow how old a paper's first version may be for a member to submit it
   * @param arxivApi where submissions fetch papers missing from the store
   * @param behindProxy whether a reverse proxy in front says who the client is (X-Forwarded-For)
   * @param embedThreads threads giving papers their vectors in the background; 0 leaves it to {@code embed}
   * @param metricsToken what {@code /metrics} wants as {@code Authorization: Bearer …}; null: open to anyone who reaches it
   * @param harvest what the server harvests by itself on its schedule (arXiv sets, a daily-papers mirror); none by default
   */
  public record Serve(String host, int port, Duration submissionWindow, URI arxivApi, boolean behindProxy,
      int embedThreads, String metricsToken, HarvestJobs.Settings harvest) {
    public static final Serve DEFAULTS = new Serve(DEFAULT_HOST, DEFAULT_PORT,
        Duration.ofDays(DEFAULT_SUBMISSION_WINDOW_DAYS), ArxivApiClient.ARXIV_API, false, DEFAULT_EMBED_THREADS, null, null);

    public Serve {
      if (harvest == null) harvest = HarvestJobs.Settings.none();
    }

    public Serve(String host, int port, Duration submissionWindow, URI arxivApi, boolean behindProxy, int embedThreads) {
      this(host, port, submissionWindow, arxivApi, behindProxy, embedThreads, null, null);
    }

    public Serve withHarvest(HarvestJobs.Settings settings) {
      return new Serve(host, port, submissionWindow, arxivApi, behindProxy, embedThreads, metricsToken, settings);
    }

    public Serve listeningOn(String host, int port) {
      return new Serve(host, port, submissionWindow, arxivApi, behindProxy, embedThreads, metricsToken, harvest);
    }

    public Serve withSubmissionWindow(Duration window) {
      return new Serve(host, port, window, arxivApi, behindProxy, embedThreads, metricsToken, harvest);
    }

    public Serve withArxivApi(URI api) {
      return new Serve(host, port, submissionWindow, api, behindProxy, embedThreads, metricsToken, harvest);
    }

    public Serve withBehindProxy(boolean behind) {
      return new Serve(host, port, submissionWindow, arxivApi, behind, embedThreads, metricsToken, harvest);
    }

    public Serve withMetricsToken(String token) {
      return new Serve(host, port, submissionWindow, arxivApi, behindProxy, embedThreads,
          token == null || token.isBlank() ? null : token, harvest);
    }

    public Serve withEmbedThreads(int threads) {
      return new Serve(host, port, submissionWindow, arxivApi, behindProxy, threads, metricsToken, harvest);
    }
  }

  public Config {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (databaseUrl == null || databaseUrl.isBlank()) databaseUrl = Database.defaultUrl(dataDir);
    if (mail == null) mail = MailSettings.logOnly("paperboy@localhost");
    if (baseUrl == null || baseUrl.isBlank()) baseUrl = DEFAULT_BASE_URL;
    baseUrl = baseUrl.replaceAll("/+$", "");
    if (serve == null) serve = Serve.DEFAULTS;
  }

  public Config(Path dataDir, String databaseUrl) {
    this(dataDir, databaseUrl, null, null, null);
  }

  public Config(Path dataDir, String databaseUrl, MailSettings mail) {
    this(dataDir, databaseUrl, mail, null, null);
  }

  public Config(Path dataDir, String databaseUrl, MailSettings mail, String baseUrl) {
    this(dataDir, databaseUrl, mail, baseUrl, null);
  }

  public Config withServe(Serve other) {
    return new Config(dataDir, databaseUrl, mail, baseUrl, other);
  }

  /**
   * The public address a running server puts in its links, or null when it was left at its default:
   * the server then links to itself at the port it actually listens on. Never taken from a request's
   * Host header, which a stranger could set to send a member's link elsewhere.
   */
  public URI publicUrl() {
    return baseUrl.equals(DEFAULT_BASE_URL) ? null : URI.create(baseUrl);
  }
}
