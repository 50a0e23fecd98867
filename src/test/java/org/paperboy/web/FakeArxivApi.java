package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.paperboy.TestData;

/**
 * The arXiv API on 127.0.0.1 for web tests: answers {@code id_list=ID} with the real recorded response
 * in {@code ../shared/data/arxiv-api/id_ID_s0_m100.json}, and an id it has no recording for with the
 * recorded answer for an id arXiv does not know.
 */
final class FakeArxivApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;

  FakeArxivApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/query", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      String ids = "";
      for (String pair : query == null ? new String[0] : query.split("&")) {
        if (pair.startsWith("id_list=")) ids = URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
      }
      Path file = TestData.path("arxiv-api/id_" + ids.replace('/', '_').replace(',', '_') + "_s0_m100.json");
      if (!Files.exists(file)) file = TestData.path("arxiv-api/id_0000.0000_s0_m100.json");
      JsonNode recorded = JSON.readTree(file.toFile());
      byte[] body = recorded.get("body").asText().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/atom+xml; charset=utf-8");
      exchange.sendResponseHeaders(recorded.get("status_code").asInt(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/query");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
