package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.mail.MailSettings;
import org.paperboy.mail.OutboxSender;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorBackfill;
import org.paperboy.search.VectorTier;
import org.paperboy.support.MutableClock;
import org.paperboy.trending.TrendingRanking;

class DigestTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static Path[] data;
  @TempDir Path dir;

  @BeforeAll
  static void cutTheRealData() throws Exception {
    data = DigestWorld.files();
  }

  final MutableClock clock = new MutableClock(Instant.parse("2025-04-01T12:00:00Z"));

  Paperboy open(String kind, int smtpPort) {
    MailSettings mail = new MailSettings("127.0.0.1", smtpPort, false, null, null, "digest@papers.example", 1000, 3, Duration.ZERO,
        Duration.ofMinutes(2));
    Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir), mail, "https://papers.example"), clock);
    app.snapshotImporter().importFile(data[0], true, false, r -> {});
    app.dailyFeedImporter().importFile(data[1], r -> {});
    return app;
  }

  static Subscriptions.Request daily(String email, Topics topics) {
    return new Subscriptions.Request(email, Subscription.Frequency.DAILY, null, 8, "UTC", topics);
  }

  /** Subscribes and follows the confirmation link from the real mail. */
  static Subscription subscribeAndConfirm(Paperboy app, Subscriptions.Request r) throws Exception {
    int before = smtp.getReceivedMessages().length;
    app.subscriptions().subscribe(r, "10.0.0.1", "https://papers.example");
    flush(app);
    MimeMessage confirmation = smtp.getReceivedMessages()[before];
    Matcher m = Pattern.compile("https://papers\\.example/subscriptions/confirm/(\\S+)").matcher((String) confirmation.getContent());
    assertThat(m.find()).isTrue();
    return app.subscriptions().confirm(m.group(1));
  }

  static int flush(Paperboy app) {
    try (OutboxSender sender = app.newOutboxSender(m -> {})) {
      return sender.flush();
    }
  }

  List<MimeMessage> digestsTo(String email) throws Exception {
    List<MimeMessage> out = new java.util.ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(email) && m.getSubject().startsWith("Paperboy daily")) out.add(m);
    }
    return out;
  }

  static String textPart(MimeMessage m) throws Exception {
    return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
  }

  @StoreKinds
  void aConfirmedSubscriberGetsTheDaysTrendingPapersWithBothPartsAndOneClickUnsubscribe(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      app.subscriptions().subscribe(daily("ada@example.org", Topics.ALL), "10.0.0.1", "https://papers.example");
      DigestRunner.Summary unconfirmed = app.digests().run(Instant.parse("2025-04-02T09:00:00Z"), null, false, d -> {});
      assertThat(unconfirmed.considered()).as("nothing is sent before confirmation").isZero();

      Subscription s = subscribeAndConfirm(app, daily("ada@example.org", Topics.ALL));
      assertThat(s.status()).isEqualTo(Subscription.Status.ACTIVE);
      assertThat(app.digests().run(Instant.parse("2025-04-02T07:59:00Z"), null, false, d -> {}).notDue())
          .as("not before the subscriber's hour").isEqualTo(1);
      assertThat(app.digests().run(Instant.parse("2025-04-02T08:00:00Z"), null, false, d -> {}).queued()).isEqualTo(1);
      flush(app);

      List<MimeMessage> digests = digestsTo("ada@example.org");
      assertThat(digests).hasSize(1);
      MimeMessage m = digests.getFirst();
      TrendingRanking.Ranking day = app.trending().rankEndingOn(TrendingRanking.Window.DAY, LocalDate.parse("2025-04-01"), 10);
      Paper top = day.entries().getFirst().entry().paper();
      assertThat(m.getSubject()).contains("2 Apr 2025").contains(top.title().substring(0, 30));
      assertThat(m.getContentType()).startsWith("multipart/alternative");
      String text = textPart(m);
      String html = (String) ((Multipart) m.getContent()).getBodyPart(1).getContent();
      for (TrendingRanking.Ranked r : day.entries()) assertThat(text).contains(r.entry().paper().title());
      assertThat(text).contains("#1 trending today").contains("https://papers.example/papers/" + top.id());
      assertThat(html).contains("style=").doesNotContain("<script").doesNotContain("<img").doesNotContain("<link");
      assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
      String unsubscribe = m.getHeader("List-Unsubscribe")[0];
      assertThat(unsubscribe).startsWith("<https://papers.example/unsubscribe/");
      assertThat(text).contains(unsubscribe.substring(1, unsubscribe.length() - 1));

      Subscription gone = app.subscriptions().unsubscribe(unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1, unsubscribe.length() - 1));
      assertThat(gone.status()).isEqualTo(Subscription.Status.UNSUBSCRIBED);
      assertThat(app.digests().run(Instant.parse("2025-04-03T09:00:00Z"), null, false, d -> {}).considered()).isZero();
    }
  }

  @StoreKinds
  void topicsAndExclusionsShapeTheDigest(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      Subscription all = subscribeAndConfirm(app, daily("all@example.org", Topics.ALL));
      Subscription vision = subscribeAndConfirm(app, daily("cv@example.org", Topics.parse("cs.CV", "", "", "")));
      Subscription video = subscribeAndConfirm(app, daily("video@example.org", Topics.parse("", "video", "", "")));
      Subscription noVideo = subscribeAndConfirm(app, daily("novideo@example.org", Topics.parse("", "", "", "video")));
      java.util.Map<Long, Digest> digests = new java.util.HashMap<>();
      // a week of weekdays, so every subscriber's filter meets papers it keeps and papers it drops
      for (int day = 1; day <= 7; day++) {
        app.digests().run(Instant.parse("2025-03-3" + 0 + "T09:00:00Z").plus(Duration.ofDays(day)), null, true,
            d -> digests.merge(d.subscription().id(), d, (a, b) -> new Digest(a.subscription(), a.period(),
                concat(a.items(), b.items()))));
      }
      List<Paper> allPapers = papers(digests.get(all.id()));
      assertThat(allPapers).isNotEmpty();
      assertThat(papers(digests.get(vision.id()))).isNotEmpty().allMatch(p -> p.categories().contains("cs.CV"));
      assertThat(allPapers).anyMatch(p -> !p.categories().contains("cs.CV"));
      assertThat(papers(digests.get(video.id()))).isNotEmpty().allMatch(p -> Topics.mentions(p, "video"));
      assertThat(digests.get(video.id()).items()).allMatch(i -> i.why().contains("matches 'video'"));
      assertThat(papers(digests.get(noVideo.id()))).isNotEmpty().noneMatch(p -> Topics.mentions(p, "video"));
      assertThat(allPapers).anyMatch(p -> Topics.mentions(p, "video"));
    }
  }

  @StoreKinds
  void aFreeTextInterestIsMatchedWithTheSitesSearch(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      giveEveryPaperItsVector(app);
      Subscription s = subscribeAndConfirm(app, new Subscriptions.Request("ada@example.org", Subscription.Frequency.WEEKLY,
          DayOfWeek.FRIDAY, 8, "UTC", Topics.parse("", "", "video generation with diffusion models", "")));
      List<Digest> digests = new java.util.ArrayList<>();
      app.digests().run(Instant.parse("2025-04-11T09:00:00Z"), null, true, digests::add);
      assertThat(digests).singleElement().satisfies(d -> {
        assertThat(d.items()).isNotEmpty().allMatch(i -> i.why().contains("close to your interest"));
        long onTopic = d.items().stream()
            .filter(i -> Topics.mentions(i.paper(), "video") || Topics.mentions(i.paper(), "diffusion")).count();
        assertThat(onTopic).as("most matches are about video or diffusion: %s",
            d.items().stream().map(i -> i.paper().title()).toList()).isGreaterThanOrEqualTo((d.items().size() + 1) / 2 + 1);
      });
      TrendingRanking.Ranking week = app.trending().rankEndingOn(TrendingRanking.Window.WEEK, LocalDate.parse("2025-04-10"), 300);
      assertThat(digests.getFirst().items().size()).as("the interest narrows the week").isLessThan(week.entries().size());
      assertThat(s.topics().interest()).isEqualTo("video generation with diffusion models");
    }
  }

  /**
   * Matched by meaning, not by words: no paper of the period says "footage", so keyword search finds
   * nothing; the papers' vectors still find the ones about video.
   */
  @StoreKinds
  void anInterestIsMatchedByMeaningWhereNoPaperUsesItsWords(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      giveEveryPaperItsVector(app);
      subscribeAndConfirm(app, new Subscriptions.Request("ada@example.org", Subscription.Frequency.WEEKLY, DayOfWeek.FRIDAY, 8,
          "UTC", Topics.parse("", "", "footage", "")));
      List<Digest> digests = new java.util.ArrayList<>();
      app.digests().run(Instant.parse("2025-04-11T09:00:00Z"), null, true, digests::add);
      List<Paper> matched = papers(digests.getFirst());
      assertThat(matched).as("matched though no paper has the word").isNotEmpty()
          .noneMatch(p -> Topics.mentions(p, "footage"));
      assertThat(matched.stream().filter(p -> Topics.mentions(p, "video")).count())
          .as("most are about video: %s", matched.stream().map(Paper::title).toList())
          .isGreaterThanOrEqualTo((matched.size() + 1) / 2);
    }
  }

  /** Vectors for the digest world's papers: embedded once per run (the fast model), copied into every later store. */
  private static Map<String, float[]> vectors;

  private static synchronized void giveEveryPaperItsVector(Paperboy app) {
    EmbeddingModel model = app.search().model();
    EmbeddingStore store = new EmbeddingStore(app.database());
    List<Paper> all = app.papers().changedAfter(0, "", 10_000).stream().map(PaperStore.StoredPaper::paper).toList();
    if (vectors == null) {
      new VectorBackfill(app.papers(), store, model).run(2, false);
      vectors = new HashMap<>();
      store.find(model, VectorTier.FULL, all.stream().map(p -> p.id().value()).toList())
          .forEach((id, v) -> vectors.put(id, v.vector()));
    } else {
      store.put(model, VectorTier.FULL, all, all.stream().map(p -> vectors.get(p.id().value())).toArray(float[][]::new));
    }
    assertThat(store.count(model, VectorTier.FULL)).isEqualTo(all.size());
  }

  /** A digest is due from the subscriber's hour on their own clock: 08:00 in Tokyo is 23:00 UTC the day before. */
  @StoreKinds
  void aDigestComesDueAtTheSubscribersHourInTheirOwnTimeZone(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      subscribeAndConfirm(app, new Subscriptions.Request("tokyo@example.org", Subscription.Frequency.DAILY, null, 8,
          "Asia/Tokyo", Topics.ALL));
      subscribeAndConfirm(app, new Subscriptions.Request("la@example.org", Subscription.Frequency.DAILY, null, 8,
          "America/Los_Angeles", Topics.ALL));
      java.util.Map<String, String> periods = new java.util.HashMap<>();
      java.util.function.Function<String, DigestRunner.Summary> dryRunAt = at -> app.digests().run(Instant.parse(at), null, true,
          d -> periods.put(d.subscription().email(), d.period().key() + " covers " + d.period().firstDay()));

      assertThat(dryRunAt.apply("2025-04-01T22:59:59Z").notDue()).as("07:59 in Tokyo, 15:59 in LA").isEqualTo(1);
      assertThat(periods).containsOnlyKeys("la@example.org");
      periods.clear();
      assertThat(dryRunAt.apply("2025-04-01T23:00:00Z").notDue()).as("08:00 on 2 April in Tokyo, 16:00 on 1 April in LA")
          .isZero();
      assertThat(periods).containsEntry("tokyo@example.org", "daily:2025-04-02 covers 2025-04-01")
          .containsEntry("la@example.org", "daily:2025-04-01 covers 2025-03-31");
      periods.clear();
      // Los Angeles is on daylight time (UTC-7) in April: its 08:00 is 15:00 UTC
      assertThat(dryRunAt.apply("2025-04-02T14:59:00Z").notDue()).as("07:59 on 2 April in LA").isEqualTo(1);
      assertThat(periods).containsOnlyKeys("tokyo@example.org");
      periods.clear();
      assertThat(dryRunAt.apply("2025-04-02T15:00:00Z").notDue()).as("08:00 in LA; in Tokyo 3 April has begun").isEqualTo(1);
      assertThat(periods).containsEntry("la@example.org", "daily:2025-04-02 covers 2025-04-01");
    }
  }

  /** A week holds far more than ten trending papers: the digest carries the ten best, best first. */
  @StoreKinds
  void aDigestCarriesAtMostTenPapersTheBestOfThePeriodFirst(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      subscribeAndConfirm(app, new Subscriptions.Request("ada@example.org", Subscription.Frequency.WEEKLY, DayOfWeek.FRIDAY, 8,
          "UTC", Topics.ALL));
      List<Digest> digests = new java.util.ArrayList<>();
      app.digests().run(Instant.parse("2025-04-11T09:00:00Z"), null, true, digests::add);
      TrendingRanking.Ranking week = app.trending().rankEndingOn(TrendingRanking.Window.WEEK, LocalDate.parse("2025-04-10"), 300);
      assertThat(week.entries()).as("the week has more than ten papers").hasSizeGreaterThan(10);
      assertThat(digests).singleElement().satisfies(d -> assertThat(papers(d)).extracting(p -> p.id().value())
          .containsExactlyElementsOf(week.entries().subList(0, 10).stream().map(r -> r.entry().paper().id().value()).toList()));
    }
  }

  private static List<Digest.Item> concat(List<Digest.Item> a, List<Digest.Item> b) {
    List<Digest.Item> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<Paper> papers(Digest d) {
    return d == null ? List.of() : d.items().stream().map(Digest.Item::paper).toList();
  }

  @StoreKinds
  void aPaperSentOnceIsNeverSentAgainAndAQuietPeriodSendsNothing(String kind) throws Exception {
    try (Paperboy app = open(kind, smtp.getSmtp().getPort())) {
      Subscription s = subscribeAndConfirm(app, daily("ada@example.org", Topics.ALL));
      Set<String> first = new HashSet<>();
      app.digests().run(Instant.parse("2025-04-02T09:00:00Z"), null, false,
          d -> d.items().forEach(i -> first.add(i.paper().id().value())));
      assertThat(first).isNotEmpty();
      // the same subscriber now wants a weekly digest; the week's ranking holds the papers already sent
      app.subscriptions().update(s, new Subscriptions.Request(s.email(), Subscription.Frequency.WEEKLY, DayOfWeek.THURSDAY, 8,
          "UTC", Topics.ALL));
      TrendingRanking.Ranking week = app.trending().rankEndingOn(TrendingRanking.Window.WEEK, LocalDate.parse("2025-04-02"), 300);
      assertThat(week.entries()).anyMatch(r -> first.contains(r.entry().paper().id().value()));
      Set<String> second = new HashSet<>();
      DigestRunner.Summary weekly = app.digests().run(Instant.parse("2025-04-03T09:00:00Z"), null, false,
          d -> d.items().forEach(i -> second.add(i.paper().id().value())));
      assertThat(weekly.queued()).isEqualTo(1);
      assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
      assertThat(app.digests().run(Instant.parse("2025-04-03T10:00:00Z"), null, false, d -> {}).alreadyDone())
          .as("running again in the same period does nothing").isEqualTo(1);

      // a weekend with no lists: back to daily, Sunday's digest covers Saturday, which has no activity
      app.subscriptions().update(s, daily(s.email(), Topics.ALL));
      DigestRunner.Summary quiet = app.digests().run(Instant.parse("2025-04-06T09:00:00Z"), null, false, d -> {});
      assertThat(quiet.nothingNew()).isEqualTo(1);
      assertThat(quiet.queued()).isZero();
      flush(app);
      assertThat(digestsTo("ada@example.org")).hasSize(1);
    }
  }

  @StoreKinds
  void smtp451ThenAcceptedDeliversOnceAndRepeated550SuspendsTheSubscription(String kind) throws Exception {
    try (org.paperboy.bench.LoopbackSmtpServer server = new org.paperboy.bench.LoopbackSmtpServer(false,
            "250 OK", "451 greylisted", "250 OK", "550 mailbox gone", "550 mailbox gone", "550 mailbox gone");
        Paperboy app = open(kind, server.port())) {
      app.subscriptions().subscribe(daily("ada@example.org", Topics.ALL), "10.0.0.1", "https://papers.example");
      flush(app); // the confirmation: 250
      Subscription s = app.subscriptions().findByEmail("ada@example.org").orElseThrow();
      app.subscriptions().confirm(app.subscriptions().confirmUrl("", s.id()).substring("/subscriptions/confirm/".length()));
      app.digests().run(Instant.parse("2025-04-02T09:00:00Z"), null, false, d -> {});
      assertThat(flush(app)).isEqualTo(1); // 451, retried at once (zero delay in tests), then 250
      assertThat(server.acceptedCount()).isEqualTo(2);

      for (String day : List.of("2025-04-03", "2025-04-04", "2025-04-05")) {
        app.digests().run(Instant.parse(day + "T09:00:00Z"), null, false, d -> {});
        flush(app);
      }
      assertThat(app.subscriptions().find(s.id()).orElseThrow().status()).isEqualTo(Subscription.Status.SUSPENDED);
      assertThat(app.subscriptions().suspended()).extracting(Subscription::email).containsExactly("ada@example.org");
      assertThat(app.digests().run(Instant.parse("2025-04-08T09:00:00Z"), null, false, d -> {}).considered()).isZero();
    }
  }
}
