package org.paperboy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpLoadTest {
  @Test
  void countsErrorsByStatusAndNoAnswerApart() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      int status = exchange.getRequestURI().getPath().equals("/bad") ? 400 : 200;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      // one connection, so the URIs alternate exactly: ok, bad, ok, bad, …
      // timed, not counted: on a loaded machine the first second may not even finish one request
      HttpLoad.Result r;
      int tries = 0;
      do {
        r = HttpLoad.run(List.of(URI.create(base + "/ok"), URI.create(base + "/bad")), 1, Duration.ofSeconds(1));
      } while (r.requests() < 2 && ++tries < 20);
      assertThat(r.requests()).isGreaterThanOrEqualTo(2);
      assertThat(r.errorsByStatus()).containsOnlyKeys(400);
      assertThat(r.errors()).isEqualTo(r.errorsByStatus().get(400)).isEqualTo(r.requests() / 2);
      assertThat(r.errorsText()).isEqualTo(r.errors() + " (400 ×" + r.errors() + ")");
    } finally {
      server.stop(0);
    }
    HttpLoad.Result refused = HttpLoad.run(List.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")),
        1, Duration.ofSeconds(1));
    assertThat(refused.errors()).isEqualTo(refused.requests()).isPositive();
    assertThat(refused.errorsText()).contains("no answer ×");
  }
}
