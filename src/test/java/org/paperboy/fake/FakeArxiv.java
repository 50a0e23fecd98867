package org.paperboy.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stand-in for arXiv (and for a daily-papers API) on 127.0.0.1 (the JDK's HTTP server, a real
 * socket, port 0), for tests only: the one fake arXiv every test uses. It answers each request with
 * what {@code routes} says, unless a scripted one-off reply (a fault) is queued, and records every
 * request with the time it arrived so tests can check the gaps. {@link #replayingApi()} answers the
 * arXiv API with the real recorded responses; {@link OaiFiles} and {@link ApiFiles} give routes
 * built from the recordings in {@code ../shared/data}.
 */
public final class FakeArxiv implements AutoCloseable {
  /** A request as the server saw it. */
  public record Hit(long arrivedNanos, String path, Map<String, String> query) {
    public String param(String name) {
      return query.get(name);
    }
  }

  /**
   * What to answer. {@code sendBytes} below the body's length cuts the body off there: with
   * {@code honestLength} the response is complete HTTP holding truncated XML, without it the
   * connection drops before the promised Content-Length.
   */
  public record Reply(int status, Map<String, String> headers, byte[] body, int sendBytes, boolean honestLength) {
    public static Reply xml(String body) {
      return status(200, body);
    }

    public static Reply status(int status, String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return new Reply(status, Map.of("Content-Type", "text/xml; charset=utf-8"), bytes, bytes.length, true);
    }

    public Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, body, sendBytes, honestLength);
    }

    /** The same response with only the first half of the body sent, as a complete HTTP response. */
    public Reply cutOffMidXml() {
      return new Reply(status, headers, body, body.length / 2, true);
    }

    /** The same response with the connection dropped halfway through the promised body. */
    public Reply droppedMidBody() {
      return new Reply(status, headers, body, body.length / 2, false);
    }
  }

  private final HttpServer server;
  private final Function<Hit, Reply> routes;
  private final Deque<Reply> faults = new ArrayDeque<>();
  private final List<Hit> hits = Collections.synchronizedList(new ArrayList<>());
  private volatile Consumer<Hit> onRequest = hit -> {};

  /** The arXiv API replaying the real recorded responses: see {@link ApiFiles#replay(Hit)}. */
  public static FakeArxiv replayingApi() {
    try {
      return new FakeArxiv(ApiFiles::replay);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public FakeArxiv(Function<Hit, Reply> routes) throws IOException {
    this.routes = routes;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI oai() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oai");
  }

  public URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/query");
  }

  /** Answers the next requests with these, in order, before going back to the routes. */
  public synchronized FakeArxiv thenFail(Reply... replies) {
    faults.addAll(List.of(replies));
    return this;
  }

  /** Runs before each request is answered (a test kills a harvester process here). */
  public FakeArxiv onRequest(Consumer<Hit> action) {
    this.onRequest = action;
    return this;
  }

  public List<Hit> hits() {
    synchronized (hits) {
      return List.copyOf(hits);
    }
  }

  /** The time between the arrival of each request and the next. */
  public List<Duration> gaps() {
    List<Hit> h = hits();
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < h.size(); i++) gaps.add(Duration.ofNanos(h.get(i).arrivedNanos() - h.get(i - 1).arrivedNanos()));
    return gaps;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Hit hit = new Hit(System.nanoTime(), exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()));
      hits.add(hit);
      onRequest.accept(hit);
      Reply reply;
      synchronized (this) {
        reply = faults.isEmpty() ? routes.apply(hit) : faults.poll();
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      long length = reply.honestLength() ? reply.sendBytes() : reply.body().length;
      exchange.sendResponseHeaders(reply.status(), length == 0 ? -1 : length);
      OutputStream out = exchange.getResponseBody();
      out.write(reply.body(), 0, reply.sendBytes());
      out.flush();
      if (!reply.honestLength()) {
        // Drop the connection with the body unfinished: the client sees the stream end early.
        throw new IOException("dropping the connection mid-body (scripted)");
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
