package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.fake.FakeArxiv;
import org.paperboy.ingest.ArxivApiClient;
import org.paperboy.ingest.PoliteHttp;
import org.paperboy.ingest.Politeness;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.MutableClock;
import org.paperboy.support.Refusal;

class CollectionTransferTest {
  @TempDir Path dir;


  static final String BIBTEX = """
      @misc{csiszar2007limit,
        title = {A limit relation for entropy and channel capacity per unit cost},
        eprint = {0704.0046},
        archivePrefix = {arXiv},
      }

      @article{someone2020journal,
        title = {A journal paper with no arXiv version},
        journal = {J. Whatever},
      }

      @misc{weder2007,
        url = {https://arxiv.org/abs/0704.0248v2},
      }

      @misc{missing2099,
        eprint = {2501.99999},
      }
      """;

  @StoreKinds
  void importingBibTexAddsArxivEntriesAndReportsTheOthersByLine(String kind) {
    try (Database db = TestDatabases.open(kind, dir)) {
      PaperStore store = new PaperStore(db);
      new SnapshotImporter(store).importFile(TestData.path("arxiv/arxiv-test-db-509.jsonl"), true, false, r -> {});
      long alice = account(db, "alice@lab.example"), bob = account(db, "bob@lab.example");
      PaperCollections collections = new PaperCollections(db, new MutableClock(Instant.parse("2026-05-30T08:00:00Z")),
          new PersonalVersions(db));
      CollectionTransfer transfer = new CollectionTransfer(collections, store);
      PaperCollection list = collections.readingList(alice);

      CollectionTransfer.ImportReport report = transfer.importInto(alice, list.id(), BIBTEX);
      assertThat(report.added()).isEqualTo(2);
      assertThat(report.skipped()).containsExactly(
          "line 7: entry 'someone2020journal' has no eprint field or arXiv link",
          "line 16: 2501.99999 is not in this Paperboy yet");
      assertThat(collections.papers(list.id())).extracting(s -> s.paper().value())
          .containsExactlyInAnyOrder("0704.0046", "0704.0248");

      CollectionTransfer.ImportReport again = transfer.importInto(alice, list.id(), "arXiv:0704.0046\nnot-an-id https://arxiv.org/abs/0704.0248\n");
      assertThat(again.added()).isZero();
      assertThat(again.alreadyThere()).isEqualTo(2);
      assertThat(again.skipped()).containsExactly("line 2: 'not-an-id' is not an arXiv id");

      String bib = transfer.bibTex(collections.readingList(alice));
      assertThat(bib).contains("eprint = {0704.0046}", "eprint = {0704.0248}", "archivePrefix = {arXiv}");
      CollectionTransfer.ImportReport roundTrip = transfer.importInto(alice,
          collections.create(alice, "Copy").id(), bib);
      assertThat(roundTrip.added()).as("an exported file imports whole").isEqualTo(2);
      assertThat(roundTrip.skipped()).isEmpty();

      String csv = transfer.csv(list);
      assertThat(csv.split("\r\n")).hasSize(3);
      assertThat(csv).startsWith("arxiv_id,title,authors,categories,published,url,added_at\r\n")
          .contains("0704.0046,A limit relation for entropy and channel capacity per unit cost,\"I. Csiszar, F. Hiai and D. Petz\"");

      assertThatThrownBy(() -> transfer.importInto(bob, list.id(), "0704.0046")).isInstanceOf(Refusal.class)
          .extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
      assertThat(collections.papers(list.id())).hasSize(2);
    }
  }

  @StoreKinds
  void importFetchesPapersTheStoreLacksFromArxivPolitelyAndReportsWhatArxivLacks(String kind) throws Exception {
    try (Database db = TestDatabases.open(kind, dir); FakeArxiv arxiv = FakeArxiv.replayingApi();
        PoliteHttp http = new PoliteHttp(Politeness.arxiv().withMinInterval(Duration.ofMillis(200), arxiv.api())
            .withMaxAttempts(2), Clock.systemUTC())) {
      PaperStore store = new PaperStore(db);
      long alice = account(db, "alice@lab.example");
      PaperCollections collections = new PaperCollections(db, new MutableClock(Instant.parse("2026-05-30T08:00:00Z")),
          new PersonalVersions(db));
      ArxivApiClient api = new ArxivApiClient(http, arxiv.api());
      CollectionTransfer transfer = new CollectionTransfer(collections, store, ids -> {
        var found = api.fetchFound(ids);
        store.upsert(java.util.List.copyOf(found.values()));
        return found;
      });
      PaperCollection list = collections.readingList(alice);

      CollectionTransfer.ImportReport report = transfer.importInto(alice, list.id(),
          "https://arxiv.org/abs/1605.08386\narXiv:1707.08567\n");
      assertThat(report.skipped()).isEmpty();
      assertThat(report.added()).isEqualTo(2);
      assertThat(store.find(new ArxivId("1605.08386"))).as("fetched into the store").isPresent();
      assertThat(arxiv.hits()).as("both in one request of the API").hasSize(1);

      CollectionTransfer.ImportReport unknown = transfer.importInto(alice, list.id(), "1605.08386\n2501.99999\n");
      assertThat(unknown.alreadyThere()).isEqualTo(1);
      assertThat(unknown.skipped()).containsExactly("line 2: 2501.99999 is not on arXiv");
      assertThat(arxiv.hits()).as("only the missing id is asked for").hasSize(2);
      assertThat(arxiv.hits().get(1).param("id_list")).isEqualTo("2501.99999");
      assertThat(collections.papers(list.id())).hasSize(2);
    }
  }

  static long account(Database db, String email) {
    return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (email, display_name, role,"
        + " sessions_valid_after, created_at) VALUES (:e, :e, 'member', 0, '2026-05-01T00:00:00Z') RETURNING id")
        .bind("e", email).mapTo(Long.class).one());
  }
}
