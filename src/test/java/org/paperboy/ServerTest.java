package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.OutgoingMail;

/** What {@code serve} runs, assembled by {@link Server} from one {@link Config}: the web, and the services behind it. */
class ServerTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private String get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @StoreKinds
  void aStartedServerServesFollowsTheStoreWithItsIndexSendsMailAndStopsEverything(String kind) throws Exception {
    Config config = new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir))
        .withServe(Config.Serve.DEFAULTS.listeningOn("127.0.0.1", 0).withEmbedThreads(0));
    int port;
    try (Server server = Server.start(config)) {
      port = server.port();
      assertThat(get(port, "/health")).contains("\"papers\":0");

      // a paper stored while the server runs becomes searchable without a restart
      server.app().snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(get(port, "/api/papers/search?q=diphoton&mode=bm25")).contains("0704.0001"));

      // a queued mail goes out (to the log, with no SMTP server configured) without anyone flushing
      server.app().outbox().enqueue(OutgoingMail.text("server-test", "ada@example.org", "hello", "hi"));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(server.app().outbox().counts()).containsEntry(Outbox.Status.SENT, 1L));
    }
    assertThatThrownBy(() -> get(port, "/health")).as("the web server stopped with the rest").isInstanceOf(ConnectException.class);
  }
}
