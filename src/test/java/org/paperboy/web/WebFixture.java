package org.paperboy.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.db.TestDatabases;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.LocalDate;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.Version;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorTier;
import org.paperboy.search.VectorBackfill;

/**
 * A real server on a free port over a fresh store of the given kind holding the real daily-papers feed,
 * both raw day examples and the first 200 records of the arXiv snapshot. "Now" is fixed after the feed's
 * last day.
 *
 * <p>The classes that only read share one per store kind ({@link #shared}): they are marked
 * {@code @StoreKinds} and take it in a {@code @BeforeParameterizedClassInvocation} method. A test that
 * changes the data builds its own ({@link #WebFixture(String, Path, boolean)}). The 200 abstracts are
 * embedded once per test JVM, by the first fixture with vectors; every later one is given the same
 * vectors, read back from the first store, so a second store costs its imports, not a second embedding.
 */
final class WebFixture implements AutoCloseable {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  final Paperboy app;
  final WebServer server;
  /** No request a test makes may hang the build: a server that stops answering fails the test instead. */
  static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);

  final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();

  /** A title, author and abstract written to attack the page: they must show as text. */
  static final String EVIL_ID = "2301.00001";
  static final String EVIL_TITLE = "<script>window.__pwned = 1</script> Fast & <b>bold</b> &amp; $\\alpha < \\beta$";
  static final String EVIL_AUTHOR = "<img src=x onerror=\"window.__pwned = 2\"> Mallory";
  static final String EVIL_ABSTRACT = "We show $O(n^2)$ &amp; <img src=x onerror=\"window.__pwned = 3\"> <script>window.__pwned = 4</script>.";
  static final String EVIL_DAY = "2025-01-01";
  static final String OLD_STYLE_ID = "hep-th/9901001";
  /** The snapshot records with an announcement day ({@link #announced()}). */
  private final Path announced;

  private final Path ownDir;

  /** The 200 snapshot records' vectors, by paper id, as the first fixture with vectors embedded them. */
  private static Map<String, EmbeddingStore.StoredVector> embedded;

  /**
   * The fixture the read-only classes share on this kind of store ({@link LivingWeb}'s, with its
   * discussion, stars and member), built on first use and closed when the test JVM ends.
   */
  static WebFixture shared(String kind) {
    return LivingWeb.shared(kind).web();
  }

  /** Closed when the test JVM ends: what several classes share outlives each of them. */
  static WebFixture closedAtExit(WebFixture web) {
    Runtime.getRuntime().addShutdownHook(new Thread(web::close));
    return web;
  }

  /**
   * @param kind the store: {@code "sqlite"} or {@code "postgresql"} ({@code @StoreKinds})
   * @param dir where the data directory lives; null: a temporary directory removed on close
   * @param withVectors whether the 200 snapshot records get vectors (similar papers, semantic search)
   */
  WebFixture(String kind, Path dir, boolean withVectors) {
    try {
      ownDir = dir == null ? Files.createTempDirectory("paperboy-web-") : null;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    dir = dir == null ? ownDir : dir;
    app = Paperboy.open(new Config(dir, TestDatabases.freshUrl(kind, dir.resolve("db"))), CLOCK);
    app.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
    // Only these 200 papers get vectors: embedding the whole feed would take minutes on two cores.
    if (withVectors) giveVectors();
    announced = announcedDays(dir);
    app.snapshotImporter().importFile(announced, false, false, r -> {});
    for (String feed : List.of("hf-daily-papers/daily-papers-2024-2026.jsonl.gz",
        "hf-daily-papers/raw-api-examples/2024-05-27.json", "hf-daily-papers/raw-api-examples/2026-08-14.json")) {
      app.dailyFeedImporter().importFile(TestData.path(feed), r -> { throw new AssertionError("rejected " + r); });
    }
    app.papers().upsert(List.of(oldStylePaper()));
    app.dailyFeedImporter().importFile(evilFeed(dir), r -> { throw new AssertionError("rejected " + r); });
    app.search().catchUp();
    server = app.webServer().start("127.0.0.1", 0);
  }

  /** Embeds the 200 snapshot records, or, once some fixture of this JVM has, writes the vectors it made. */
  private void giveVectors() {
    EmbeddingStore store = new EmbeddingStore(app.database());
    EmbeddingModel model = app.search().model();
    synchronized (WebFixture.class) {
      if (embedded == null) {
        new VectorBackfill(app.papers(), store, model).run(2, false);
        embedded = Map.copyOf(store.find(model, VectorTier.FULL, store.hashes(model, VectorTier.FULL).keySet()));
        return;
      }
    }
    List<Paper> papers = app.papers().findAll(embedded.keySet().stream().map(ArxivId::parse).toList());
    store.put(model, VectorTier.FULL, papers, papers.stream().map(p -> embedded.get(p.id().value()).vector()).toArray(float[][]::new));
  }

  /**
   * Lines 270–329 of the cs archive: papers of several primary categories (cs.RO, cs.LG, eess.IV…),
   * announced on 2025-03-18 and, two cs.CV ones, on 2025-03-19: the newest announcement days in the
   * store, so the "latest" page and the category feeds have something to filter.
   */
  private static Path announcedDays(Path dir) {
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
            Files.newInputStream(TestData.path("arxiv/cs-2025-2026.jsonl.gz"))), java.nio.charset.StandardCharsets.UTF_8))) {
      return Files.write(dir.resolve("announced.jsonl"), in.lines().skip(270).limit(60).toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A paper of {@link #announcedDays}: its primary category and the day it was announced. */
  record Announced(String id, String category, LocalDate day) {}

  /** The papers with an announcement day, as the snapshot records say (read apart from the importer). */
  List<Announced> announced() {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Announced> out = new java.util.ArrayList<>();
    try {
      for (String line : Files.readAllLines(announced)) {
        var r = json.readTree(line);
        out.add(new Announced(r.get("id").asText(), r.get("categories").asText().split(" ")[0],
            LocalDate.parse(r.get("update_date").asText())));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /** The ids announced on the newest day of this primary category (of any category when null), newest id first. */
  List<String> latestAnnounced(String category) {
    List<Announced> in = announced().stream().filter(a -> category == null || a.category().equals(category)).toList();
    LocalDate newest = in.stream().map(Announced::day).max(java.util.Comparator.naturalOrder()).orElseThrow();
    return in.stream().filter(a -> a.day().equals(newest)).map(Announced::id).sorted(java.util.Comparator.reverseOrder()).toList();
  }

  private static Path evilFeed(Path dir) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("listing_date", EVIL_DAY).put("arxiv_id", EVIL_ID).put("title", EVIL_TITLE).put("upvotes", 7)
        .put("num_comments", 1).put("abstract", EVIL_ABSTRACT).put("arxiv_published_at", "2022-12-30T10:00:00.000Z");
    row.putArray("authors").add(EVIL_AUTHOR).add("Alice O'Brien & Bob");
    try {
      return Files.writeString(dir.resolve("evil-feed.jsonl"), row.toString() + "\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Paper oldStylePaper() {
    List<Version> versions = List.of(new Version(1, Instant.parse("1999-01-04T10:00:00Z"), "20kb"),
        new Version(2, Instant.parse("1999-03-01T09:30:00Z"), "22kb"));
    return new Paper(ArxivId.parse(OLD_STYLE_ID), 2, "Strings on $AdS_5 \\times S^5$", "An abstract.\n\nA second paragraph.",
        "Ada Lovelace, Alan Turing", List.of(new Author("Lovelace", "Ada", ""), new Author("Turing", "Alan", "")),
        List.of("hep-th", "math-ph"), "12 pages", "Phys. Rev. D 1 (1999)", "10.1000/xyz", null, null, "Ada Lovelace",
        versions, versions.getFirst().submittedAt(), LocalDate.parse("1999-03-02"), null);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  HttpResponse<String> get(String path, String... headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
      if (headers.length > 0) b.headers(headers);
      return http.send(b.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("GET " + path + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    server.close();
    app.close();
    http.close();
    if (ownDir != null) deleteTree(ownDir);
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing a run for
    }
  }
}
