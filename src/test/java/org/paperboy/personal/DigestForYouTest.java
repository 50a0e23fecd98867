package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.digest.Digest;
import org.paperboy.mail.QueuedMail;
import org.paperboy.paper.ArxivId;

class DigestForYouTest {
  @TempDir Path dir;


  @StoreKinds
  void aForYouDigestSendsTheMembersRankingOnceAndNeverAPaperTwice(String kind) {
    RecommendSample sample = RecommendSample.of("u0031", 8, dir);
    try (Paperboy app = Paperboy.open(new Config(dir, TestDatabases.freshUrl(kind, dir.resolve("db"))),
        Clock.fixed(Instant.parse("2026-05-30T06:00:00Z"), ZoneOffset.UTC))) {
      app.snapshotImporter().importFile(sample.file(), true, false, r -> {});
      long ada = app.accounts().addOrSetRole("ada@lab.example", org.paperboy.community.Role.MEMBER).id();
      long list = app.collections().readingList(ada).id();
      for (String id : sample.liked()) app.collections().save(ada, list, new ArxivId(id));
      app.database().jdbi().useHandle(h -> h.execute("INSERT INTO subscriptions (email, frequency, weekday, send_hour,"
          + " time_zone, categories, keywords, interest, excluded, status, permanent_failures, created_at)"
          + " VALUES ('ada@lab.example', 'daily', 1, 8, 'UTC', '', '', '', '', 'active', 0, '2026-05-01T00:00:00Z')"));
      long subscription = app.subscriptions().findByEmail("ada@lab.example").orElseThrow().id();
      app.subscriptions().setForYou(subscription, true);

      List<Digest> first = new ArrayList<>();
      app.digests().run(Instant.parse("2026-05-30T09:00:00Z"), null, false, first::add);
      assertThat(first).hasSize(1);
      List<Digest.Item> items = first.getFirst().items();
      assertThat(items).hasSize(10).allSatisfy(i -> assertThat(i.why()).contains(" for you: "));
      List<String> expected = app.forYou().feed(ada, 0, 10).items().stream().map(i -> i.paper().id().value()).toList();
      assertThat(items).extracting(i -> i.paper().id().value()).as("the member's ranking, in order").isEqualTo(expected);

      List<Digest> again = new ArrayList<>();
      app.digests().run(Instant.parse("2026-05-30T10:00:00Z"), null, false, again::add);
      assertThat(again).as("the same period is never composed twice").isEmpty();

      List<Digest> next = new ArrayList<>();
      app.digests().run(Instant.parse("2026-05-31T09:00:00Z"), null, false, next::add);
      Set<String> seen = new HashSet<>();
      for (Digest d : List.of(first.getFirst(), next.getFirst())) {
        for (Digest.Item i : d.items()) assertThat(seen.add(i.paper().id().value())).as("sent twice: " + i.paper().id()).isTrue();
      }
      assertThat(next.getFirst().items()).as("the next ten of the ranking").hasSize(10);

      List<QueuedMail> mails = app.outbox().claimDue(10, java.time.Duration.ofMinutes(2));
      assertThat(mails).hasSize(2);
      assertThat(mails.getFirst().mail().headers()).containsKey("List-Unsubscribe-Post");
    }
  }
}
