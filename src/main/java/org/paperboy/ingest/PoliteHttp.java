package org.paperboy.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.paperboy.support.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to arXiv, one at a time over one connection, never closer together than
 * {@link Politeness#minInterval()}. Overload answers ({@code 503}, {@code 429}) are waited out as
 * their {@code Retry-After} says; network errors, other 5xx and bodies that cannot be read to the
 * end are retried with exponential backoff, a bounded number of times.
 */
public final class PoliteHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PoliteHttp.class);
  private static final String USER_AGENT = "paperboy/0.1 (self-hosted arXiv reader; OAI-PMH harvester)";

  private final HttpClient client;
  private final Politeness politeness;
  private final Clock clock;
  private final ReentrantLock turn = new ReentrantLock(true);
  private volatile long notBeforeNanos = System.nanoTime();

  public PoliteHttp(Politeness politeness, Clock clock) {
    this.politeness = politeness;
    this.clock = clock;
    // HTTP/1.1 and one caller at a time (the turn lock) keep everything on one connection.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  public Politeness politeness() {
    return politeness;
  }

  /** Reads a response body with a status below 500 (other than 429); must read the body to its end. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(int status, InputStream body) throws IOException, MalformedResponse;
  }

  /** A body that could not be read as the format promised (cut off mid-XML, say): worth asking again. */
  static final class MalformedResponse extends Exception {
    MalformedResponse(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A whole response: its status, headers and body. */
  public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /**
   * A GET with extra request headers (conditional requests, API versions, a token), answered whole.
   * Overload and server errors are waited out and retried as for every request; any other status is
   * the caller's to read.
   */
  public Response get(URI uri, java.util.Map<String, String> headers) {
    awaitTurn(uri);
    try {
      return send(uri, headers, (status, responseHeaders, body) -> new Response(status, responseHeaders, body.readAllBytes()));
    } finally {
      turn.unlock();
    }
  }

  <T> T get(URI uri, BodyReader<T> reader) {
    awaitTurn(uri);
    try {
      return send(uri, java.util.Map.of(), (status, headers, body) -> reader.read(status, body));
    } finally {
      turn.unlock();
    }
  }

  /**
   * One caller at a time; with {@link Politeness#maxTurnWait()} a caller that would wait longer than that
   * for its turn (behind others and the polite gap after them) is told to come back, not made to wait.
   */
  private void awaitTurn(URI uri) {
    Duration patience = politeness.maxTurnWait();
    if (patience == null) {
      turn.lock();
      return;
    }
    long deadline = System.nanoTime() + patience.toNanos();
    boolean mine;
    try {
      mine = turn.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Refusal.unavailable("interrupted while waiting to ask " + uri.getHost(), e);
    }
    if (mine && notBeforeNanos <= deadline) return;
    if (mine) turn.unlock();
    throw Refusal.tooMany(uri.getHost() + " is being asked for other papers right now; try again in a few seconds",
        politeness.minInterval().plus(politeness.requestTimeout().dividedBy(4)));
  }

  /** Reads a response with its headers. */
  @FunctionalInterface
  private interface ResponseReader<T> {
    T read(int status, java.net.http.HttpHeaders headers, InputStream body) throws IOException, MalformedResponse;
  }

  private <T> T send(URI uri, java.util.Map<String, String> headers, ResponseReader<T> reader) {
    String lastFailure = null;
    for (int attempt = 1; attempt <= politeness.maxAttempts(); attempt++) {
      waitUntil(notBeforeNanos);
      Duration wait;
      try {
        HttpResponse<InputStream> response = client.send(request(uri, headers), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
          if (status == 429 || status == 503) {
            body.readAllBytes();
            Optional<Duration> retryAfter = retryAfter(response);
            lastFailure = "HTTP " + status + retryAfter.map(d -> " (Retry-After " + d.toSeconds() + " s)").orElse("");
            wait = retryAfter.orElse(politeness.backoff(attempt));
            if (wait.compareTo(politeness.maxRetryAfter()) > 0) {
              throw Refusal.unavailable(uri.getHost() + " is overloaded and asks to come back in " + wait.toSeconds()
                  + " s; run the command again later (progress so far is kept)");
            }
          } else if (status >= 500) {
            body.readAllBytes();
            lastFailure = "HTTP " + status;
            wait = politeness.backoff(attempt);
          } else {
            refuseHtml(uri, response);
            return reader.read(status, response.headers(), body);
          }
        }
      } catch (IOException e) {
        lastFailure = whatWentWrong(e);
        wait = politeness.backoff(attempt);
      } catch (MalformedResponse e) {
        lastFailure = oneLine(e.getMessage());
        wait = politeness.backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Refusal.unavailable("interrupted while talking to " + uri.getHost(), e);
      } finally {
        // The gap counts from the end of a response, so the server sees at least minInterval between requests.
        notBeforeNanos = System.nanoTime() + politeness.minInterval().toNanos();
      }
      if (attempt < politeness.maxAttempts()) {
        LOG.warn("attempt {} of {} failed: {} ({}); trying again in {}", attempt, politeness.maxAttempts(), lastFailure, uri,
            Politeness.say(wait));
        notBeforeNanos = Math.max(notBeforeNanos, System.nanoTime() + wait.toNanos());
      }
    }
    throw Refusal.unavailable("gave up on " + uri + " after " + politeness.maxAttempts() + " attempts; last failure: "
        + lastFailure + ". Run the command again later (progress so far is kept)");
  }

  /**
   * A 2xx/4xx answer that is a web page was never the API's: a wrong {@code --endpoint}, a captive portal or
   * a login page. Asking again would only get the same page, so it ends the run at once, in one line.
   */
  private static void refuseHtml(URI uri, HttpResponse<?> response) {
    String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
      throw Refusal.unavailable(uri + " answered HTTP " + response.statusCode() + " with a web page (" + type
          + "), not the API Paperboy asked for: check --endpoint");
    }
  }

  /** One line a user can read: "connection refused", not an exception's class name with no message. */
  static String whatWentWrong(IOException e) {
    if (e instanceof java.net.ConnectException) return "connection refused" + (e.getMessage() == null ? "" : " (" + oneLine(e.getMessage()) + ")");
    if (e instanceof java.net.http.HttpTimeoutException) return "no answer in time (" + oneLine(e.getMessage()) + ")";
    if (e instanceof java.net.UnknownHostException) return "unknown host " + e.getMessage();
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
  }

  /** Parsers write their position on a line of its own; a retry or a refusal is said in one line. */
  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private HttpRequest request(URI uri, java.util.Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(politeness.requestTimeout())
        .header("User-Agent", USER_AGENT);
    headers.forEach(b::header);
    return b.GET().build();
  }

  /** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
  }

  Optional<Duration> parseRetryAfter(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,9}")) return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    try {
      Duration d = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      LOG.warn("ignoring unreadable Retry-After '{}'", v);
      return Optional.empty();
    }
  }

  private static void waitUntil(long nanos) {
    long remaining;
    while ((remaining = nanos - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Duration.ofNanos(remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Refusal.unavailable("interrupted while waiting to be polite to arXiv", e);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
