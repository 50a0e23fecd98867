package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.Subscriptions;
import org.paperboy.digest.Topics;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.fake.OaiFiles;
import org.paperboy.support.ChildJvm;

/**
 * {@code paperboy serve} as a real process, wired as the README says: it sends what the outbox holds,
 * runs the digest schedule and the arXiv harvest of its {@code PAPERBOY_HARVEST_SET} on its own, and
 * keeps the search index following the store while another process imports or it harvests. Nothing here calls a feature directly once the server runs: mail arrives at a real
 * SMTP server, search answers over HTTP.
 */
class ServeTest {
  private static final Pattern SERVING = Pattern.compile("serving on http://(?:localhost|127\\.0\\.0\\.1):(\\d+)/");

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;

  @StoreKinds
  void serveSendsQueuedMailRunsTheDigestScheduleAndFollowsTheStore(String kind) throws Exception {
    Path data = dir.resolve("data");
    String url = kind.equals("sqlite") ? Database.defaultUrl(data) : TestDatabases.freshUrl(kind, dir);
    prepare(data, url);
    Path log = dir.resolve("serve.log");
    // arXiv's real first ListRecords page, as the last one: six papers
    FakeArxiv oai = new FakeArxiv(hit -> FakeArxiv.Reply.xml(
        OaiFiles.rawPage1().replaceFirst("<resumptionToken[^>]*>[^<]*</resumptionToken>", "<resumptionToken/>")));
    Process serve = ChildJvm.start(log, Map.of("PAPERBOY_HARVEST_SET", "cs:cs:AI"), "serve", "--port", "0",
        "--host", "127.0.0.1", "--data", data.toString(), "--db", url,
        "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(smtp.getSmtp().getPort()), "--smtp-starttls", "false",
        "--public-url", "https://papers.example", "--embed-threads", "0",
        "--oai-endpoint", oai.oai().toString(), "--request-interval", "PT0.05S");
    try (oai; HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      await().atMost(Duration.ofMinutes(2)).until(() -> !serve.isAlive() || SERVING.matcher(read(log)).find());
      assertThat(serve.isAlive()).as("serve stopped; log:%n%s", read(log)).isTrue();
      Matcher port = SERVING.matcher(read(log));
      assertThat(port.find()).isTrue();
      String base = "http://127.0.0.1:" + port.group(1);
      assertThat(get(http, base + "/health").body()).contains("\"ok\"");

      // the sender: the confirmation queued before the server started goes out; the schedule: the
      // subscriber's digest, due since midnight, is composed and sent without anyone running `digest run`
      await().atMost(Duration.ofMinutes(2)).until(() -> subjects().stream().anyMatch(s -> s.startsWith("Paperboy daily")));
      List<String> subjects = subjects();
      assertThat(subjects).as("log:%n%s", read(log)).hasSize(2).anyMatch(s -> s.toLowerCase().contains("confirm"));
      for (MimeMessage m : smtp.getReceivedMessages()) {
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
        String text = m.getContent() instanceof String s ? s : textOf(m);
        assertThat(text).as("links use --public-url").contains("https://papers.example/").doesNotContain("localhost");
      }

      // the index follows the store: a paper another process imports becomes searchable over HTTP
      String search = base + "/api/papers/search?mode=bm25&q=%22service-oriented+architectures%22";
      assertThat(get(http, search).body()).doesNotContain("0907.2974");
      Path newPaper = Files.write(dir.resolve("new.jsonl"), Files.readAllLines(TestData.path("arxiv/arxiv-test-db-509.jsonl")).stream()
          .filter(l -> l.contains("\"0907.2974\"")).toList());
      ChildJvm.Result imported = ChildJvm.run(dir, "import", newPaper.toString(), "--data", data.toString(), "--db", url);
      assertThat(imported.exit()).as(imported.toString()).isZero();
      await().atMost(Duration.ofMinutes(1)).until(() -> get(http, search).body().contains("0907.2974"));

      // the scheduled harvest, never run on this store: due at once; what it brings in is searchable without a restart
      String harvested = base + "/api/papers/search?mode=bm25&q=%22extrasolar+planet+atmosphere%22";
      await().atMost(Duration.ofMinutes(1)).until(() -> get(http, harvested).body().contains("0704.1114"));
      assertThat(oai.hits()).singleElement().satisfies(h -> assertThat(h.param("set")).isEqualTo("cs:cs:AI"));
      assertThat(get(http, base + "/health").body()).contains("\"job\":\"arxiv-harvest\"",
          "cs:cs:AI: pages 1, records 6: inserted 6, updated 0, unchanged 0, deleted 0, rejected 0");
    } finally {
      serve.destroy(); // SIGTERM, as a service manager stops it
      ChildJvm.exitCode(serve, Duration.ofMinutes(1), log);
    }
  }

  /** Papers on the lists of the last three days (UTC), and a confirmed daily subscriber whose digest is due from midnight. */
  private static void prepare(Path data, String url) throws Exception {
    try (Paperboy app = Paperboy.open(new Config(data, url, null, "https://papers.example"))) {
      Path head = Files.write(data.resolve("head.jsonl"), Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, 40));
      app.snapshotImporter().importFile(head, true, false, r -> {});
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<String> rows = new ArrayList<>();
      for (int back = 0; back < 3; back++) {
        // a listing on each of the last three days, so "yesterday" has one whenever the server starts
        rows.add("{\"listing_date\": \"" + today.minusDays(back) + "\", \"arxiv_id\": \"0704.000" + (back + 1)
            + "\", \"title\": \"t\", \"upvotes\": " + (10 + back) + ", \"num_comments\": 1}");
      }
      app.dailyFeedImporter().importFile(Files.write(data.resolve("feed.jsonl"), rows), r -> {
        throw new AssertionError("rejected " + r);
      });
      Subscriptions subscriptions = app.subscriptions();
      subscriptions.subscribe(new Subscriptions.Request("ada@example.org", Subscription.Frequency.DAILY, null, 0, "UTC",
          Topics.ALL), "10.0.0.1", "https://papers.example");
      Subscription s = subscriptions.findByEmail("ada@example.org").orElseThrow();
      subscriptions.confirm(subscriptions.confirmUrl("", s.id()).substring("/subscriptions/confirm/".length()));
    }
  }

  private static List<String> subjects() throws Exception {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) subjects.add(m.getSubject());
    return subjects;
  }

  private static String textOf(MimeMessage m) throws Exception {
    return (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(0).getContent();
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String read(Path log) throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
