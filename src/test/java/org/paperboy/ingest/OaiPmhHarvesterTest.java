package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.cli.CliRun;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.fake.FakeArxiv.Hit;
import org.paperboy.fake.FakeArxiv.Reply;
import org.paperboy.fake.OaiFiles;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.Version;
import org.paperboy.support.Refusal;

class OaiPmhHarvesterTest {
  static final Duration GAP = Duration.ofMillis(200);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(300);

  @TempDir Path dir;

  /** The real arXivRaw chain: page 1 (6 records) → token → page 2 (1 record); other tokens are refused. */
  static Reply rawChain(Hit hit) {
    String token = hit.param("resumptionToken");
    if (token == null) return Reply.xml(OaiFiles.rawPage1());
    if (token.equals(OaiFiles.RAW_TOKEN)) return Reply.xml(OaiFiles.rawPage2());
    return Reply.xml(OaiFiles.read("arxivraw-error-badresumptiontoken.xml"));
  }

  /** A store, its checkpoints and a harvester talking to {@code server} with test politeness. */
  private record World(Database db, PaperStore store, HarvestCheckpoints checkpoints, PoliteHttp http,
      OaiPmhHarvester harvester) implements AutoCloseable {
    static World open(String kind, Path dir, FakeArxiv server) {
      Database db = TestDatabases.open(kind, dir);
      PaperStore store = new PaperStore(db);
      HarvestCheckpoints checkpoints = new HarvestCheckpoints(db);
      Politeness politeness = Politeness.arxiv().withMinInterval(GAP, server.oai())
          .withBackoff(FIRST_BACKOFF, Duration.ofSeconds(2)).withMaxAttempts(3);
      PoliteHttp http = new PoliteHttp(politeness, Clock.systemUTC());
      return new World(db, store, checkpoints, http, new OaiPmhHarvester(store, checkpoints, http, Clock.systemUTC()));
    }

    OaiPmhHarvester.Summary harvest(URI endpoint, String format, List<String> sets, LocalDate from) {
      return harvester.harvest(new OaiPmhHarvester.Request(endpoint, format, sets, from), false);
    }

    HarvestCheckpoint checkpoint(URI endpoint, String format, String set) {
      return checkpoints.find(endpoint.toString(), format, set).orElseThrow(() -> new AssertionError("no checkpoint"));
    }

    Paper paper(String id) {
      return store.find(ArxivId.parse(id)).orElseThrow(() -> new AssertionError(id + " is not in the store"));
    }

    @Override
    public void close() {
      http.close();
      db.close();
    }
  }

  @StoreKinds
  void followsResumptionTokensAndCommitsEveryPageWithItsCheckpoint(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain); World w = World.open(kind, dir, server)) {
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXivRaw", List.of(), null);

      assertThat(s).isEqualTo(new OaiPmhHarvester.Summary(2, 7, 7, 0, 0, 0, 0));
      List<Hit> hits = server.hits();
      assertThat(hits).hasSize(2);
      assertThat(hits.get(0).query()).containsExactlyInAnyOrderEntriesOf(
          java.util.Map.of("verb", "ListRecords", "metadataPrefix", "arXivRaw"));
      // resumptionToken is exclusive: only the verb goes with it
      assertThat(hits.get(1).query()).containsExactlyInAnyOrderEntriesOf(
          java.util.Map.of("verb", "ListRecords", "resumptionToken", OaiFiles.RAW_TOKEN));
      assertThat(server.gaps()).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(GAP));

      HarvestCheckpoint c = w.checkpoint(server.oai(), "arXivRaw", "");
      assertThat(c.inProgress()).isFalse();
      assertThat(c.runResponseDate()).isEqualTo(Instant.parse("2015-01-06T20:49:59Z"));
      assertThat(c.nextFrom()).isEqualTo(LocalDate.parse("2015-01-06"));
      assertThat(c.pages()).isEqualTo(2);
      assertThat(c.records()).isEqualTo(7);
      assertThat(w.store.count()).isEqualTo(7);
    }
  }

  @StoreKinds
  void mapsEveryArxivRawFieldOfTheRealRecords(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain); World w = World.open(kind, dir, server)) {
      w.harvest(server.oai(), "arXivRaw", List.of(), null);

      Paper richard = w.paper("0704.0716");
      assertThat(richard.title()).isEqualTo("Limit distributions and scaling functions");
      assertThat(richard.submitter()).isEqualTo("Christoph Richard");
      assertThat(richard.latestVersion()).isEqualTo(4);
      assertThat(richard.versions()).extracting(Version::number).containsExactly(1, 2, 3, 4);
      assertThat(richard.versions().getFirst()).isEqualTo(new Version(1, Instant.parse("2007-04-05T12:45:03Z"), "43kb"));
      assertThat(richard.versions().getLast()).isEqualTo(new Version(4, Instant.parse("2008-11-14T09:07:25Z"), "49kb"));
      assertThat(richard.firstSubmitted()).isEqualTo(Instant.parse("2007-04-05T12:45:03Z"));
      assertThat(richard.lastUpdated()).isEqualTo(LocalDate.parse("2014-12-22")); // the header datestamp
      assertThat(richard.categories()).containsExactly("math-ph", "math.MP");
      assertThat(richard.comments()).isEqualTo(
          "54 pages, 2 figures; v2 updated and slightly expanded; v3 changes in some proofs; v4 slightly expanded");
      assertThat(richard.journalRef()).isEqualTo(
          "Polygons, polyominoes and polycubes, 247-299, Lecture Notes in Phys., 775, Springer, Dordrecht, 2009");
      assertThat(richard.license()).isEqualTo("http://arxiv.org/licenses/nonexclusive-distrib/1.0/");
      assertThat(richard.abstractText()).startsWith("We discuss the asymptotic behaviour of models of lattice polygons")
          .endsWith("this article is a pedagogic review of known results.").doesNotContain("\n");

      Paper shetty = w.paper("0704.0471");
      assertThat(shetty.authorsLine()).isEqualTo("D.V. Shetty, S.J. Yennello, and G.A. Souliotis");
      assertThat(shetty.authors()).extracting(Author::lastName).containsExactly("Shetty", "Yennello", "Souliotis");
      assertThat(shetty.doi()).isEqualTo("10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902");
      assertThat(shetty.abstractText()).contains("an extremely \" stiff \" and \" soft \" form");
      assertThat(shetty.license()).isNull();

      Paper fromPage2 = w.paper("1302.2146");
      assertThat(fromPage2.categories()).containsExactly("hep-ph", "hep-ex");
      assertThat(fromPage2.versions()).extracting(Version::size).containsExactly("853kb", "849kb");
      assertThat(fromPage2.authors()).extracting(Author::lastName).containsExactly("Berger", "Perelstein", "Saelim", "Tanedo");
    }
  }

  @StoreKinds
  void theNextRunStartsFromTheLastRunsResponseDateAndNeverSendsUntil(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> hit.param("from") != null
            ? Reply.xml(OaiFiles.read("arxivraw-error-norecordsmatch.xml")) : rawChain(hit));
        World w = World.open(kind, dir, server)) {
      w.harvest(server.oai(), "arXivRaw", List.of(), null);
      OaiPmhHarvester.Summary again = w.harvest(server.oai(), "arXivRaw", List.of(), null);

      Hit incremental = server.hits().getLast();
      assertThat(incremental.param("from")).isEqualTo("2015-01-06");
      assertThat(incremental.query()).doesNotContainKey("until").doesNotContainKey("resumptionToken");
      // noRecordsMatch: a finished run with nothing new, not an error
      assertThat(again).isEqualTo(new OaiPmhHarvester.Summary(0, 0, 0, 0, 0, 0, 0));
      HarvestCheckpoint c = w.checkpoint(server.oai(), "arXivRaw", "");
      assertThat(c.inProgress()).isFalse();
      assertThat(c.runFrom()).isEqualTo(LocalDate.parse("2015-01-06"));
      assertThat(c.nextFrom()).isEqualTo(LocalDate.parse("2015-06-23")); // the noRecordsMatch response's date
    }
  }

  @StoreKinds
  void harvestingTheSameRecordsAgainChangesNothing(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain); World w = World.open(kind, dir, server)) {
      w.harvest(server.oai(), "arXivRaw", List.of(), null);
      long seq = w.store.lastChangeSeq();
      OaiPmhHarvester.Summary again = w.harvest(server.oai(), "arXivRaw", List.of(), LocalDate.parse("2014-10-01"));

      assertThat(server.hits().get(2).param("from")).isEqualTo("2014-10-01");
      assertThat(again).isEqualTo(new OaiPmhHarvester.Summary(2, 7, 0, 0, 7, 0, 0));
      assertThat(w.store.lastChangeSeq()).isEqualTo(seq);
    }
  }

  @StoreKinds
  void honoursRetryAfterOn503InSecondsAnd429AsAnHttpDate(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain); World w = World.open(kind, dir, server)) {
      server.thenFail(Reply.status(503, "busy").header("Retry-After", "1"));
      server.onRequest(hit -> {
        if (server.hits().size() == 3) {
          // page 2: arXiv's API style overload answer, Retry-After as an HTTP date 2 s ahead
          String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC));
          server.thenFail(Reply.status(429, "slow down").header("Retry-After", date));
        }
      });
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXivRaw", List.of(), null);

      assertThat(s.records()).isEqualTo(7);
      List<Duration> gaps = server.gaps();
      assertThat(server.hits()).hasSize(4); // 503, page 1, 429, page 2
      assertThat(gaps.get(0)).as("wait after 503 Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(gaps.get(1)).isGreaterThanOrEqualTo(GAP);
      // an HTTP date has whole seconds: 2 s ahead is at least 1 s ahead
      assertThat(gaps.get(2)).as("wait after 429 Retry-After: <date>").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @StoreKinds
  void aResponseCutOffMidXmlIsRetriedAndNothingOfItIsWritten(String kind) throws Exception {
    Reply cutPage2 = Reply.xml(OaiFiles.rawPage2()).cutOffMidXml();
    try (FakeArxiv server = new FakeArxiv(hit -> OaiFiles.RAW_TOKEN.equals(hit.param("resumptionToken"))
            ? cutPage2 : rawChain(hit));
        World w = World.open(kind, dir, server)) {
      assertThatThrownBy(() -> w.harvest(server.oai(), "arXivRaw", List.of(), null))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("after 3 attempts")
          .hasMessageContaining("not complete OAI-PMH XML");

      assertThat(server.hits()).hasSize(4); // page 1, then page 2 three times
      assertThat(w.store.find(ArxivId.parse("1302.2146"))).as("the cut-off page's record").isEmpty();
      assertThat(w.store.count()).isEqualTo(6);
      HarvestCheckpoint c = w.checkpoint(server.oai(), "arXivRaw", "");
      assertThat(c.resumptionToken()).isEqualTo(OaiFiles.RAW_TOKEN);
      assertThat(c.pages()).isEqualTo(1);
    }
  }

  @StoreKinds
  void aCutOffOrDroppedResponseIsAskedForAgainWithBackoff(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain); World w = World.open(kind, dir, server)) {
      server.thenFail(Reply.xml(OaiFiles.rawPage1()).cutOffMidXml(), Reply.xml(OaiFiles.rawPage1()).droppedMidBody());
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXivRaw", List.of(), null);

      assertThat(s).isEqualTo(new OaiPmhHarvester.Summary(2, 7, 7, 0, 0, 0, 0));
      List<Duration> gaps = server.gaps();
      assertThat(gaps.get(0)).isGreaterThanOrEqualTo(FIRST_BACKOFF);
      assertThat(gaps.get(1)).isGreaterThanOrEqualTo(FIRST_BACKOFF.multipliedBy(2));
    }
  }

  @StoreKinds
  void serverErrorsAreRetriedABoundedNumberOfTimes(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> Reply.status(500, "oops")); World w = World.open(kind, dir, server)) {
      assertThatThrownBy(() -> w.harvest(server.oai(), "arXivRaw", List.of(), null))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("gave up")
          .hasMessageContaining("HTTP 500");
      assertThat(server.hits()).hasSize(3);
      assertThat(server.gaps().get(0)).isGreaterThanOrEqualTo(FIRST_BACKOFF);
      assertThat(server.gaps().get(1)).isGreaterThanOrEqualTo(FIRST_BACKOFF.multipliedBy(2));
      assertThat(w.checkpoints.all()).isEmpty();
    }
  }

  @StoreKinds
  void anExpiredTokenRestartsTheRunFromTheCheckpointsFromDate(String kind) throws Exception {
    // Run 1 stops after page 1 (page 2 keeps failing); by run 2 its token has expired, and the
    // restarted run's first page hands out a fresh one.
    AtomicBoolean expired = new AtomicBoolean();
    try (FakeArxiv server = new FakeArxiv(hit -> {
          String token = hit.param("resumptionToken");
          if (token == null) return Reply.xml(expired.get() ? OaiFiles.rawPage1().replace(OaiFiles.RAW_TOKEN, "fresh") : OaiFiles.rawPage1());
          if (token.equals("fresh")) return Reply.xml(OaiFiles.rawPage2());
          return expired.get() ? Reply.xml(OaiFiles.read("arxivraw-error-badresumptiontoken.xml")) : Reply.status(502, "bad gateway");
        });
        World w = World.open(kind, dir, server)) {
      LocalDate from = LocalDate.parse("2014-10-01");
      assertThatThrownBy(() -> w.harvest(server.oai(), "arXivRaw", List.of(), from)).isInstanceOf(Refusal.class);
      assertThat(w.checkpoint(server.oai(), "arXivRaw", "").resumptionToken()).isEqualTo(OaiFiles.RAW_TOKEN);

      expired.set(true);
      int before = server.hits().size();
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXivRaw", List.of(), null);

      List<Hit> run2 = server.hits().subList(before, server.hits().size());
      assertThat(run2).extracting(h -> h.param("resumptionToken")).containsExactly(OaiFiles.RAW_TOKEN, null, "fresh");
      assertThat(run2.get(1).param("from")).as("restarted from the checkpoint's from day").isEqualTo("2014-10-01");
      assertThat(s.records()).isEqualTo(7);
      assertThat(w.store.count()).isEqualTo(7);
      HarvestCheckpoint c = w.checkpoint(server.oai(), "arXivRaw", "");
      assertThat(c.inProgress()).isFalse();
      assertThat(c.runFrom()).isEqualTo(from);
    }
  }

  @StoreKinds
  void noRecordsMatchIsAFinishedRunNotAnError(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> Reply.xml(OaiFiles.read("arxivraw-error-norecordsmatch.xml")));
        World w = World.open(kind, dir, server)) {
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXivRaw", List.of("moo"), null);

      assertThat(s.pages()).isZero();
      assertThat(server.hits().getFirst().param("set")).isEqualTo("moo");
      HarvestCheckpoint c = w.checkpoint(server.oai(), "arXivRaw", "moo");
      assertThat(c.inProgress()).isFalse();
      assertThat(c.nextFrom()).isEqualTo(LocalDate.parse("2015-06-23"));
    }
  }

  @StoreKinds
  void otherOaiErrorsFailWithTheirCodeAndMessage(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> Reply.xml(OaiFiles.read("arxivraw-error-badargument.xml")));
        World w = World.open(kind, dir, server)) {
      assertThatThrownBy(() -> w.harvest(server.oai(), "arXivRaw", List.of("cs"), null))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("badArgument")
          .hasMessageContaining("Verb 'ListRecords', illegal argument 'identifier'.");
      assertThat(server.hits()).as("an OAI error is not retried").hasSize(1);
      assertThat(w.checkpoints.all()).isEmpty();
    }
  }

  @StoreKinds
  void severalSetsAreHarvestedOneAfterAnotherInTheArxivFormatEachWithItsCheckpoint(String kind) throws Exception {
    try (FakeArxiv server = new FakeArxiv(hit -> Reply.xml(OaiFiles.read(switch (hit.param("set")) {
          case "physics:hep-th" -> "arxiv-listrecords-hep-th-2017.xml";
          case "physics:hep-ex" -> "arxiv-listrecords-hep-ex-2017.xml";
          default -> "arxivraw-error-norecordsmatch.xml";
        })));
        World w = World.open(kind, dir, server)) {
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXiv", List.of("physics:hep-th", "physics:hep-ex"),
          LocalDate.parse("2017-12-14"));

      assertThat(server.hits()).extracting(h -> h.param("set")).containsExactly("physics:hep-th", "physics:hep-ex");
      assertThat(server.hits()).allSatisfy(h -> assertThat(h.param("metadataPrefix")).isEqualTo("arXiv"));
      assertThat(s.pages()).isEqualTo(2);
      assertThat(s.records()).isEqualTo(6);
      assertThat(w.checkpoint(server.oai(), "arXiv", "physics:hep-th").nextFrom()).isEqualTo(LocalDate.parse("2017-12-14"));
      assertThat(w.checkpoint(server.oai(), "arXiv", "physics:hep-ex").runResponseDate())
          .isEqualTo(Instant.parse("2017-12-14T13:00:41Z"));

      Paper rpv = w.paper("1706.09418");
      assertThat(rpv.authors()).first().isEqualTo(new Author("Dercks", "Daniel", ""));
      assertThat(rpv.authors()).extracting(Author::lastName)
          .containsExactly("Dercks", "Dreiner", "Krauss", "Opferkuch", "Reinert");
      assertThat(rpv.authorsLine()).startsWith("Daniel Dercks, Herbi Dreiner, Manuel E. Krauss");
      assertThat(rpv.categories()).containsExactly("hep-ph", "hep-ex");
      assertThat(rpv.reportNo()).isEqualTo("BONN-TH-2017-03");
      assertThat(rpv.doi()).isEqualTo("10.1140/epjc/s10052-017-5414-4");
      assertThat(rpv.firstSubmitted()).isEqualTo(Instant.parse("2017-06-28T00:00:00Z")); // <created>
      assertThat(rpv.lastUpdated()).isEqualTo(LocalDate.parse("2017-12-14")); // the datestamp
      assertThat(rpv.latestVersion()).isZero();
    }
  }

  @StoreKinds
  void aThreePageArxivFormatChainKeepsAuthorSuffixes(String kind) throws Exception {
    String p1 = OaiFiles.asListRecordsPage(OaiFiles.read("arxiv-listrecords-hep-th-2017.xml"), "2017-12-14T12:56:31Z", null, "9001|3");
    String p2 = OaiFiles.asListRecordsPage(OaiFiles.read("arxiv-listrecords-hep-ex-2017.xml"), "2017-12-14T12:56:35Z", "9001|3", "9001|6");
    String p3 = OaiFiles.asListRecordsPage(OaiFiles.read("arxiv-getrecord-4.xml"), "2017-12-14T12:56:39Z", "9001|6", null);
    try (FakeArxiv server = new FakeArxiv(hit -> {
          String token = hit.param("resumptionToken");
          return Reply.xml(token == null ? p1 : token.equals("9001|3") ? p2 : p3);
        });
        World w = World.open(kind, dir, server)) {
      OaiPmhHarvester.Summary s = w.harvest(server.oai(), "arXiv", List.of(), null);

      assertThat(s.pages()).isEqualTo(3);
      assertThat(s.inserted()).isEqualTo(7);
      assertThat(server.gaps()).hasSize(2).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(GAP));
      String id = OaiFiles.read("arxiv-getrecord-4.xml").replaceAll("(?s).*<id>([^<]*)</id>.*", "$1");
      assertThat(w.paper(id).authors()).anySatisfy(a -> assertThat(a.suffix()).isEqualTo("IV"));
      assertThat(w.checkpoint(server.oai(), "arXiv", "").nextFrom()).isEqualTo(LocalDate.parse("2017-12-14"));
    }
  }

  @StoreKinds
  void theHarvestCommandPrintsASummaryAndStatsShowTheCheckpoint(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind, dir);
    try (FakeArxiv server = new FakeArxiv(OaiPmhHarvesterTest::rawChain)) {
      String[] common = {"--data", dir.toString(), "--db", url};
      CliRun harvest = CliRun.of(concat(new String[] {"harvest", "--endpoint", server.oai().toString(), "--request-interval",
          "PT0.2S"}, common));
      assertThat(harvest.exit()).as(harvest.err()).isZero();
      assertThat(harvest.out()).contains("pages 2, records 7: inserted 7, updated 0, unchanged 0");

      CliRun stats = CliRun.of(concat(new String[] {"stats", "--json"}, common));
      assertThat(stats.out()).contains("\"papers\" : 7").contains("\"nextFrom\" : \"2015-01-06\"")
          .contains("\"inProgress\" : false");

      CliRun badFormat = CliRun.of(concat(new String[] {"harvest", "--endpoint", server.oai().toString(), "--format", "oai_dc"}, common));
      assertThat(badFormat.exit()).isEqualTo(1);
      assertThat(badFormat.err()).contains("unknown metadata format 'oai_dc'");
      assertThat(server.hits()).hasSize(2);
    }
    CliRun impolite = CliRun.of("harvest", "--request-interval", "PT1S", "--data", dir.toString(), "--db", url);
    assertThat(impolite.exit()).isEqualTo(1);
    assertThat(impolite.err()).contains("only allowed against a server on this machine");
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
