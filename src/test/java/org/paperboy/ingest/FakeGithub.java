package org.paperboy.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub's REST API on 127.0.0.1 for tests, answering {@code GET /repos/{owner}/{repo}} with the answers
 * recorded from GitHub's documentation (src/test/resources/github): the documented repository body
 * with each repository's name and star count, an ETag that changes with the count, 304 to a matching
 * If-None-Match, 404 for a deleted repository, and the documented rate-limit headers (403 once used up).
 */
final class FakeGithub implements AutoCloseable {
  /** A request as the server saw it, with the headers a test checks. */
  record Hit(String repo, String ifNoneMatch, String accept, String apiVersion, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, Integer> stars = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final List<Hit> hits = Collections.synchronizedList(new ArrayList<>());
  private int remaining;
  private final long resetEpochSeconds = 1_372_700_873L; // the documented example's x-ratelimit-reset

  FakeGithub(int rateLimit) throws IOException {
    this.remaining = rateLimit;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized FakeGithub repo(String repo, int count) {
    stars.put(repo.toLowerCase(), count);
    return this;
  }

  synchronized FakeGithub delete(String repo) {
    deleted.add(repo.toLowerCase());
    return this;
  }

  synchronized FakeGithub rateLimit(int left) {
    remaining = left;
    return this;
  }

  List<Hit> hits() {
    synchronized (hits) {
      return List.copyOf(hits);
    }
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String repo = path.startsWith("/repos/") ? path.substring("/repos/".length()).toLowerCase() : path;
      var h = exchange.getRequestHeaders();
      hits.add(new Hit(repo, h.getFirst("If-None-Match"), h.getFirst("Accept"), h.getFirst("X-GitHub-Api-Version"),
          h.getFirst("Authorization")));
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
      exchange.getResponseHeaders().add("x-ratelimit-limit", "60");
      exchange.getResponseHeaders().add("x-ratelimit-reset", Long.toString(resetEpochSeconds));
      exchange.getResponseHeaders().add("x-ratelimit-resource", "core");
      if (remaining <= 0) {
        exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
        send(exchange, 403, recorded("rate-limit-exceeded.json"));
        return;
      }
      Integer count = stars.get(repo);
      String etag = count == null ? null : "W/\"" + Integer.toHexString((repo + count).hashCode()) + "\"";
      if (etag != null && !deleted.contains(repo) && etag.equals(h.getFirst("If-None-Match"))) {
        exchange.getResponseHeaders().add("x-ratelimit-remaining", Integer.toString(remaining));
        exchange.getResponseHeaders().add("ETag", etag);
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      remaining--;
      exchange.getResponseHeaders().add("x-ratelimit-remaining", Integer.toString(remaining));
      exchange.getResponseHeaders().add("x-ratelimit-used", Integer.toString(60 - remaining));
      if (count == null || deleted.contains(repo)) {
        send(exchange, 404, recorded("not-found.json"));
        return;
      }
      ObjectNode body = (ObjectNode) JSON.readTree(recorded("get-a-repository.json"));
      String[] ownerName = repo.split("/", 2);
      body.put("name", ownerName[1]).put("full_name", repo).put("html_url", "https://github.com/" + repo)
          .put("stargazers_count", count).put("watchers_count", count).put("watchers", count);
      exchange.getResponseHeaders().add("ETag", etag);
      send(exchange, 200, JSON.writeValueAsString(body));
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String recorded(String name) {
    try (InputStream in = FakeGithub.class.getResourceAsStream("/github/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
