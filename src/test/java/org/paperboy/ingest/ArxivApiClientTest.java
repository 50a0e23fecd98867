package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.cli.CliRun;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.ApiFiles;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.fake.FakeArxiv.Hit;
import org.paperboy.fake.FakeArxiv.Reply;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.Version;
import org.paperboy.support.Refusal;

class ArxivApiClientTest {
  static final Duration GAP = Duration.ofMillis(200);

  @TempDir Path dir;

  /** Replays the recorded response for the id list asked; 1111.2011v2 is the legacy-format one. */
  static Reply recorded(Hit hit) {
    String ids = hit.param("id_list");
    return ids.equals("1111.2011v2") ? ApiFiles.legacy(1) : ApiFiles.forIdList(ids);
  }

  private static <T> T withClient(FakeArxiv server, Function<ArxivApiClient, T> use) {
    Politeness politeness = Politeness.arxiv().withMinInterval(GAP, server.api())
        .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(2)).withMaxAttempts(3);
    try (PoliteHttp http = new PoliteHttp(politeness, Clock.systemUTC())) {
      return use.apply(new ArxivApiClient(http, server.api()));
    }
  }

  private static Paper fetch(FakeArxiv server, String id) {
    return withClient(server, api -> api.fetch(ArxivId.parseVersioned(id)));
  }

  @Test
  void fetchesANewStyleIdWithEveryField() throws Exception {
    try (FakeArxiv server = new FakeArxiv(ArxivApiClientTest::recorded)) {
      Paper p = fetch(server, "1605.08386");

      assertThat(server.hits()).singleElement().satisfies(h -> {
        assertThat(h.path()).isEqualTo("/api/query");
        assertThat(h.param("id_list")).isEqualTo("1605.08386");
      });
      assertThat(p.id()).isEqualTo(ArxivId.parse("1605.08386"));
      assertThat(p.latestVersion()).isEqualTo(1);
      assertThat(p.title()).isEqualTo("Heat-bath random walks with Markov bases");
      assertThat(p.abstractText()).startsWith("Graphs on lattice points are studied").endsWith("is an expander in fixed dimension.");
      assertThat(p.categories()).containsExactly("math.CO", "math.ST");
      assertThat(p.comments()).isEqualTo("20 pages, 3 figures");
      assertThat(p.authors()).containsExactly(new Author("Stanley", "Caprice", ""), new Author("Windisch", "Tobias", ""));
      assertThat(p.authorsLine()).isEqualTo("Caprice Stanley, Tobias Windisch");
      assertThat(p.firstSubmitted()).isEqualTo(Instant.parse("2016-05-26T17:59:46Z"));
      assertThat(p.lastUpdated()).isEqualTo(LocalDate.parse("2016-05-26"));
      assertThat(p.versions()).containsExactly(new Version(1, Instant.parse("2016-05-26T17:59:46Z"), null));
    }
  }

  @Test
  void fetchesOldStyleAndVersionedIds() throws Exception {
    try (FakeArxiv server = new FakeArxiv(ArxivApiClientTest::recorded)) {
      List<Paper> papers = withClient(server, api -> Stream.of("astro-ph/0601001", "arXiv:quant-ph/0201082v1",
          "2104.12255v1", "1111.2011v2").map(id -> api.fetch(ArxivId.parseVersioned(id))).toList());
      assertThat(server.hits()).extracting(h -> h.param("id_list"))
          .containsExactly("astro-ph/0601001", "quant-ph/0201082v1", "2104.12255v1", "1111.2011v2");
      assertThat(server.gaps()).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(GAP));

      Paper old = papers.get(0);
      assertThat(old.id().value()).isEqualTo("astro-ph/0601001");
      assertThat(old.journalRef()).isEqualTo("ActaAstron.56:1-50,2006");
      assertThat(old.categories()).containsExactly("astro-ph");
      assertThat(old.authors()).extracting(Author::lastName).containsExactly("Gould", "Dorsher", "Gaudi", "Udalski");
      assertThat(old.abstractText()).contains("spectroscopic-followup limit of V_max<17.5").contains("Gould & Morgan (2003)");

      Paper oldVersioned = papers.get(1);
      assertThat(oldVersioned.id().value()).isEqualTo("quant-ph/0201082");
      assertThat(oldVersioned.categories()).containsExactly("quant-ph", "cs.PL");

      Paper titledZero = papers.get(2);
      assertThat(titledZero.title()).isEqualTo("0");
      assertThat(titledZero.categories()).containsExactly("cs.CR");

      Paper v2 = papers.get(3);
      assertThat(v2.latestVersion()).isEqualTo(2);
      assertThat(v2.versions()).containsExactly(new Version(1, Instant.parse("2011-11-08T18:48:36Z"), null),
          new Version(2, Instant.parse("2012-04-02T12:38:54Z"), null));
      assertThat(v2.doi()).isEqualTo("10.1103/PhysRevB.85.115117");
      assertThat(v2.journalRef()).isEqualTo("Phys. Rev. B 85, 115117 (2012)");
      assertThat(v2.comments()).isEqualTo("8 pages, 3 figures. Published version");
      assertThat(v2.categories()).containsExactly("cond-mat.str-el", "cond-mat.stat-mech");
      assertThat(v2.title()).isEqualTo("Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit");
    }
  }

  @Test
  void fetchAllAsksForSeveralIdsInOneRequestAndKeepsTheirOrder() throws Exception {
    try (FakeArxiv server = new FakeArxiv(ArxivApiClientTest::recorded)) {
      List<Paper> papers = withClient(server, api -> api.fetchAll(List.of(ArxivId.parseVersioned("astro-ph/0601001"),
          ArxivId.parseVersioned("1605.08386"), ArxivId.parseVersioned("astro-ph/0601001"))));

      assertThat(papers).extracting(p -> p.id().value()).containsExactly("astro-ph/0601001", "1605.08386");
      assertThat(server.hits()).singleElement()
          .satisfies(h -> assertThat(h.param("id_list")).isEqualTo("astro-ph/0601001,1605.08386"));
    }
  }

  @Test
  void anIdArxivDoesNotKnowIsNamed() throws Exception {
    // The real answer for 0000.0000: an empty feed with HTTP 200.
    try (FakeArxiv server = new FakeArxiv(hit -> ApiFiles.recorded("0000.0000"))) {
      assertThatThrownBy(() -> fetch(server, "0704.9999"))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("arXiv has no paper 0704.9999");
    }
  }

  @Test
  void theIdsMissingFromABatchAreNamed() throws Exception {
    // The real answer to id_list=0808.05394,1707.08567 holds only 1707.08567.
    try (FakeArxiv server = new FakeArxiv(hit -> ApiFiles.recorded("0808.05394,1707.08567"))) {
      assertThatThrownBy(() -> withClient(server, api ->
              api.fetchAll(List.of(ArxivId.parseVersioned("0808.0539"), ArxivId.parseVersioned("1707.08567")))))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("arXiv has no paper 0808.0539")
          .hasMessageNotContaining("1707.08567");
    }
  }

  @Test
  void theApisErrorEntriesBecomeErrorsNamingTheId() throws Exception {
    // The real answer for id_list=abc: HTTP 400 and an entry whose id is …/api/errors#…
    try (FakeArxiv server = new FakeArxiv(hit -> ApiFiles.recorded("abc"))) {
      assertThatThrownBy(() -> fetch(server, "2401.00001"))
          .isInstanceOf(Refusal.class)
          .hasMessageContaining("2401.00001")
          .hasMessageContaining("incorrect id format for abc");
      assertThat(server.hits()).as("a refused id is not retried").hasSize(1);
    }
  }

  @Test
  void honoursRetryAfterOn429And503() throws Exception {
    try (FakeArxiv server = new FakeArxiv(ArxivApiClientTest::recorded)) {
      server.thenFail(Reply.status(429, "Rate exceeded.").header("Retry-After", "1"),
          Reply.status(503, "busy").header("Retry-After", "1"));
      Paper p = fetch(server, "1605.08386");

      assertThat(p.title()).isEqualTo("Heat-bath random walks with Markov bases");
      assertThat(server.hits()).hasSize(3);
      assertThat(server.gaps()).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }
  }

  @StoreKinds
  void theFetchCommandStoresThePapers(String kind) throws Exception {
    String url = TestDatabases.freshUrl(kind, dir);
    try (FakeArxiv server = new FakeArxiv(ArxivApiClientTest::recorded)) {
      int exit = CliRun.of("fetch", "--data", dir.toString(), "--db", url, "--endpoint", server.api().toString(),
          "--request-interval", "PT0.2S", "1605.08386", "https://arxiv.org/abs/astro-ph/0601001").exit();

      assertThat(exit).isZero();
      try (Database db = Database.open(url)) {
        PaperStore store = new PaperStore(db);
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.find(ArxivId.parse("astro-ph/0601001")).orElseThrow().authors()).hasSize(4);
      }
      // an id that is not one fails before any request
      assertThat(CliRun.of("fetch", "--data", dir.toString(), "--db", url, "--endpoint",
          server.api().toString(), "--request-interval", "PT0.2S", "abc").exit()).isEqualTo(1);
      assertThat(server.hits()).hasSize(1);
    }
  }

  @Test
  void aShortRequestIntervalIsRefusedForARealEndpoint() {
    assertThatThrownBy(() -> Politeness.arxiv().withMinInterval(GAP, ArxivApiClient.ARXIV_API))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("only allowed against a server on this machine");
  }
}
