package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.bench.LoopbackSmtpServer;
import org.paperboy.bench.TinyRelevanceSet;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.Subscriptions;
import org.paperboy.digest.Topics;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.mail.QueuedMail;

/**
 * The README's commands as a user types them, over one data directory (SQLite: what a command does
 * with the store is tested on both stores by its feature's tests; here the point is the command line).
 * What they print is checked, and what they leave in the store. They run in process, through the same
 * {@code Main.run} the script's JVM runs: a child JVM per command cost the suite a minute of CPU and
 * proved nothing more, since the script and real processes have tests of their own ({@code CliTest},
 * {@code QuietCommandsTest}, {@code EverydayMistakesTest}, the crash tests).
 */
class CliCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path data;

  /** The first 40 real records, two days of a list, a confirmed subscriber, one mail given up on. */
  @BeforeAll
  static void prepare() throws Exception {
    data = dir.resolve("data");
    try (Paperboy app = Paperboy.open(new Config(data, null))) {
      Path head = Files.write(dir.resolve("head.jsonl"), Files.readAllLines(TestData.path("arxiv/kaggle-head-200.jsonl")).subList(0, 40));
      app.snapshotImporter().importFile(head, true, false, r -> {});
      Path feed = Files.write(dir.resolve("feed.jsonl"), List.of(
          "{\"listing_date\": \"2026-08-20\", \"arxiv_id\": \"0704.0001\", \"title\": \"t\", \"upvotes\": 12, \"num_comments\": 2}",
          "{\"listing_date\": \"2026-08-20\", \"arxiv_id\": \"0704.0033\", \"title\": \"t\", \"upvotes\": 30, \"num_comments\": 0}"));
      app.dailyFeedImporter().importFile(feed, r -> { throw new AssertionError("rejected " + r); });
      app.subscriptions().subscribe(new Subscriptions.Request("ada@example.org", Subscription.Frequency.DAILY, null, 8, "UTC",
          Topics.ALL), "10.0.0.1", "https://papers.example");
      Subscription s = app.subscriptions().findByEmail("ada@example.org").orElseThrow();
      app.subscriptions().confirm(app.subscriptions().confirmUrl("", s.id()).substring("/subscriptions/confirm/".length()));
      app.outbox().enqueue(OutgoingMail.text("gone", "gone@example.org", "Hello", "Body"));
      for (QueuedMail m : app.outbox().claimDue(10, Duration.ofMinutes(2))) {
        boolean bounced = m.mail().to().equals("gone@example.org");
        if (bounced) app.outbox().markFailed(m, "SMTP 550 sending to gone@example.org: mailbox gone", true, 8, Duration.ZERO);
        else app.outbox().markSent(m.id());
      }
    }
  }

  /** A command over the test's data directory (the suite embeds with the fast model, as Surefire's environment says). */
  static CliRun paperboy(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data", data.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  static CliRun ok(String... args) {
    CliRun r = paperboy(args);
    assertThat(r.exit()).as("%s%n%s", r.out(), r.err()).isZero();
    return r;
  }

  /** A refusal: exit code 1 and one line on stderr, no stack trace. */
  static CliRun refused(String... args) {
    CliRun r = paperboy(args);
    assertThat(r.exit()).as("%s%n%s", r.out(), r.err()).isEqualTo(1);
    assertThat(r.err().lines()).as("one line, no stack trace: %s", r.err()).singleElement()
        .satisfies(line -> assertThat(line).startsWith("paperboy: "));
    return r;
  }

  @Test
  void userAddMakesTheFirstAdminAndChangesRoles() throws Exception {
    assertThat(ok("user", "add", "root@example.org", "--role", "admin").out()).matches("account \\d+ root@example.org is admin\\s*");
    assertThat(ok("user", "add", "root@example.org", "--role", "curator").out()).contains("root@example.org is curator");
    assertThat(refused("user", "add", "x@example.org", "--role", "king").err()).contains("unknown role 'king'");
    assertThat(TestDatabases.count(Database.defaultUrl(data), "SELECT COUNT(*) FROM accounts WHERE email = 'root@example.org' AND role = 'curator'"))
        .isEqualTo(1);
  }

  @Test
  void searchPrintsRankedHitsOrJsonAndRefusesBadQueries() throws Exception {
    String text = ok("search", "\"discrete dipole approximation\"", "--mode", "bm25").out();
    assertThat(text.lines().findFirst().orElseThrow()).matches("4 results \\(bm25, .+ ms\\)");
    assertThat(text).as("a pipe gets no terminal escape codes").doesNotContain("\u001b").containsIgnoringCase("discrete dipole approximation");
    assertThat(ok("search", "diphoton", "--mode", "bm25").out().lines().findFirst().orElseThrow())
        .matches("1 result \\(bm25, .+ ms\\)");
    // the four papers of the head on the method, each with its rank
    for (String id : List.of("0704.0033", "0704.0035", "0704.0037", "0704.0038")) assertThat(text).containsPattern(" [1-4]\\. " + id + " ");
    JsonNode json = JSON.readTree(ok("search", "dipole", "--mode", "bm25", "--limit", "2", "--json").out());
    assertThat(json.path("mode").asText()).isEqualTo("bm25");
    assertThat(json.path("hits")).hasSize(2);
    assertThat(json.path("hits").get(0).path("titleHtml").asText()).contains("<mark>");
    assertThat(refused("search", "foo:bar").err()).contains("unknown field 'foo:'");
    assertThat(refused("search", "x", "--mode", "psychic").err()).contains("psychic");
    assertThat(refused("search", "x", "--from", "2025-13-01").err()).contains("--from", "'2025-13-01' is not a date (YYYY-MM-DD)")
        .doesNotContain("java.", "Exception");
    assertThat(refused("search", "x", "--limti", "3").err()).contains("unknown option '--limti': did you mean --limit?", "paperboy search --help");
    // a mistyped flag before the words names the flag alone, not the words picocli could no longer place
    assertThat(refused("search", "--mdoe", "bm25", "diffusion").err())
        .contains("unknown option '--mdoe': did you mean --mode?").doesNotContain("diffusion", "bm25");
    assertThat(refused("search", "x", "--frmo=2025-01-01").err()).contains("unknown option '--frmo=2025-01-01': did you mean --from?");
    // several words are one query, as a search box takes them
    String words = ok("search", "discrete", "dipole", "approximation", "--mode", "bm25").out();
    String oneArgument = ok("search", "discrete dipole approximation", "--mode", "bm25").out();
    assertThat(words.lines().skip(1).toList()).isNotEmpty().isEqualTo(oneArgument.lines().skip(1).toList());
  }

  @Test
  void aMistypedCommandIsNamedWithTheNearestRealOneAndNothingElse() {
    assertThat(refused("serch", "diffusion").err()).contains("unknown command 'serch': did you mean search?").doesNotContain("diffusion");
    assertThat(refused("digest", "rnu").err()).contains("unknown command 'rnu': did you mean run?");
    // nothing is near: no guess (picocli's own suggestion for 'bogus' was 'user')
    assertThat(refused("bogus").err()).contains("unknown command 'bogus'").doesNotContain("did you mean");
  }

  @Test
  void embedGivesThePapersVectorsAndThenSimilarFindsTheNeighboursByMeaning() throws Exception {
    assertThat(ok("embed").out()).contains("all-minilm-l6-v2-q");
    JsonNode similar = JSON.readTree(ok("similar", "0704.0033", "--limit", "3", "--json").out());
    assertThat(similar.path("basis").asText()).isEqualTo("meaning");
    assertThat(similar.path("similar")).hasSize(3);
    // part II of the same paper, as SearchServiceTest finds with the same model
    assertThat(similar.path("similar").get(0).path("id").asText()).isEqualTo("0704.0035");
    assertThat(refused("similar", "not-an-id").err()).contains("not-an-id");
  }

  @Test
  void reindexRebuildsTheIndexFromTheStore() throws Exception {
    assertThat(ok("reindex").out()).containsPattern("indexed 40 papers");
  }

  @Test
  void evalScoresAHandMadeSetExactly() throws Exception {
    TinyRelevanceSet set = TinyRelevanceSet.write(Files.createDirectories(dir.resolve("tiny-set")));
    // the model named as the README and the model card name it
    assertThat(ok("eval", "--mode", "bm25", "--model", "bge-small-en-v1.5-q", "--corpus", set.corpus().toString(), "--queries", set.queries().toString(),
        "--qrels", set.qrels().toString()).out()).contains(TinyRelevanceSet.BM25_LINE);
    assertThat(refused("eval", "--corpus", dir.resolve("none.jsonl").toString(), "--queries", set.queries().toString(),
        "--qrels", set.qrels().toString()).err()).contains("none.jsonl");
    String[] files = {"--corpus", set.corpus().toString(), "--queries", set.queries().toString(), "--qrels", set.qrels().toString()};
    assertThat(refused(concat(files, "--cut", "1")).err()).contains("--cut");
    assertThat(refused(concat(files, "--cut", "64", "--tier", "static")).err()).contains("--cut");
  }

  @Test
  void mailStatusCountsTheOutboxAndNamesWhatWasGivenUp() throws Exception {
    String out = ok("mail", "status").out();
    assertThat(out).contains("outbox: 0 pending, 1 sent, 1 failed");
    assertThat(out).contains("failed: gone@example.org: SMTP 550 sending to gone@example.org: mailbox gone");
  }

  /** --mail-rate as the README promises it: at five a second, mails are handed over at least 200 ms apart. */
  @Test
  void mailFlushHandsMailToSmtpNoFasterThanMailRate() throws Exception {
    Path other = dir.resolve("rate");
    try (Paperboy app = Paperboy.open(new Config(other, null))) {
      for (int i = 0; i < 6; i++) app.outbox().enqueue(OutgoingMail.text("rate-" + i, "r" + i + "@example.org", "Hello", "Body"));
    }
    try (LoopbackSmtpServer server = new LoopbackSmtpServer(false)) {
      CliRun r = CliRun.of("mail", "flush", "--data", other.toString(), "--mail-rate", "5",
          "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(server.port()), "--smtp-starttls", "false");
      assertThat(r.exit()).as("%s%n%s", r.out(), r.err()).isZero();
      assertThat(r.out()).contains("sent 6");
      assertThat(server.acceptedCount()).isEqualTo(6);
    }
    try (Database db = Database.open(Database.defaultUrl(other))) {
      List<Instant> sent = db.jdbi().withHandle(h -> h.createQuery("SELECT sent_at FROM mail_outbox ORDER BY sent_at")
          .map((rs, ctx) -> Instant.parse(rs.getString(1))).list());
      // hand-offs start at least 200 ms apart; the first also opens the connection, so count from the second,
      // and allow the last 100 ms for the difference in how long two sends take
      assertThat(Duration.between(sent.get(1), sent.getLast())).as("four gaps of 200 ms: %s", sent)
          .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
  }

  @Test
  void aDigestDryRunSaysWhoWouldGetWhatAndWritesNothing() throws Exception {
    String url = Database.defaultUrl(data);
    long outboxBefore = TestDatabases.count(url, "SELECT COUNT(*) FROM mail_outbox");
    String out = ok("digest", "run", "--at", "2026-08-21T09:00:00Z", "--dry-run").out();
    assertThat(out).contains("ada@example.org daily:2026-08-21: 2 papers");
    assertThat(out.indexOf("0704.0033")).as("the more upvoted first").isLessThan(out.indexOf("0704.0001")).isPositive();
    assertThat(out).contains("dry run: 1 subscriber: 1 digest queued");
    assertThat(TestDatabases.count(url, "SELECT COUNT(*) FROM digest_runs")).isZero();
    assertThat(TestDatabases.count(url, "SELECT COUNT(*) FROM mail_outbox")).isEqualTo(outboxBefore);
    assertThat(refused("digest", "run", "--at", "yesterday", "--dry-run").err()).contains("--at 'yesterday'");
  }

  private static String[] concat(String[] files, String... more) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of("eval"),
        java.util.stream.Stream.concat(java.util.Arrays.stream(files), java.util.Arrays.stream(more))).toArray(String[]::new);
  }
}
