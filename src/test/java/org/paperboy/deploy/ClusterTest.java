package org.paperboy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.community.Account;
import org.paperboy.community.Role;
import org.paperboy.db.TestDatabases;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.Subscriptions;
import org.paperboy.digest.Topics;
import org.paperboy.mail.OutgoingMail;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;

/**
 * Two, then three real serve processes on one PostgreSQL store behind a real HAProxy, as
 * docs/deploy.md sets them up: what one node writes the others show, sessions and CSRF tokens cross
 * nodes, rate limits are one budget, every index follows the store, digests are queued and mail goes
 * out once, and a node
 * killed with SIGKILL under load loses and doubles nothing while the proxy routes around it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class ClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LISTED = "0704.0001";
  private static final int MEMBERS = 64;

  private Path dir;
  private GreenMail smtp;
  private Paperboy admin; // the operator's own process on the same store, to seed it and look inside
  private Cluster cluster;
  private final List<String> sessions = new ArrayList<>();
  private final List<Long> memberIds = new ArrayList<>();

  @BeforeAll
  void startTheCluster() throws Exception {
    assumeTrue(Files.isExecutable(Cluster.HAPROXY) || "true".equals(System.getenv("CI")), "HAProxy is not installed");
    String url = TestDatabases.kinds().anyMatch("postgresql"::equals) ? TestDatabases.freshUrl("postgresql", Path.of("unused")) : null;
    assumeTrue(url != null, "needs PAPERBOY_TEST_PG_URL");
    dir = Files.createTempDirectory("paperboy-cluster-");
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    admin = Paperboy.open(new Config(dir.resolve("admin"), url));
    admin.snapshotImporter().importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), false, false, r -> {});
    Path feed = Files.writeString(dir.resolve("feed.jsonl"), "{\"listing_date\":\"2026-11-28\",\"arxiv_id\":\"" + LISTED
        + "\",\"title\":\"Calculation of prompt diphoton production\",\"upvotes\":5,\"num_comments\":2,"
        + "\"arxiv_published_at\":\"2007-04-02T19:18:42.000Z\",\"authors\":[\"C. Balázs\"]}\n");
    admin.dailyFeedImporter().importFile(feed, r -> { throw new AssertionError("rejected " + r); });
    for (int m = 0; m < MEMBERS; m++) {
      Account a = admin.accounts().addOrSetRole("member" + m + "@lab.example", Role.MEMBER);
      memberIds.add(a.id());
      sessions.add(admin.signIn().sessionFor(a));
    }
    cluster = new Cluster(dir, url, 3, List.of("--smtp-host", "127.0.0.1", "--smtp-port",
        Integer.toString(smtp.getSmtp().getPort()), "--smtp-starttls", "false", "--mail-rate", "1000")).start(2);
  }

  @AfterAll
  void stopTheCluster() throws Exception {
    if (cluster != null) cluster.close();
    if (admin != null) admin.close();
    if (smtp != null) smtp.stop();
    if (dir != null) Cluster.deleteTree(dir);
  }

  private String node(int i) {
    return cluster.node(i).base();
  }

  @Test
  @Order(1)
  void aSessionMadeByOneNodeAndACsrfTokenFromTheOtherAreAccepted() throws Exception {
    try (Client alice = new Client()) {
      alice.get(node(0) + "/signin");
      assertThat(alice.post(node(1) + "/signin", Map.of("email", "alice@lab.example")).statusCode())
          .as("a sign-in request on node 2 with node 1's CSRF token").isLessThan(400);
      MimeMessage mail = await().atMost(Duration.ofSeconds(20)).until(() -> find(smtp, "alice@lab.example"), m -> m != null);
      Matcher link = Pattern.compile("/signin/([A-Za-z0-9_-]+)").matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail));
      assertThat(link.find()).as("a sign-in link in the mail").isTrue();
      alice.get(node(1) + "/signin/" + link.group(1));
      assertThat(alice.post(node(1) + "/signin/" + link.group(1), Map.of()).statusCode()).isEqualTo(303);
      assertThat(alice.cookie("pb_session")).as("node 2 signed alice in").isNotNull();
      HttpResponse<String> profile = alice.get(node(0) + "/profile");
      assertThat(profile.statusCode()).as("node 1 accepts node 2's session").isEqualTo(200);
      assertThat(profile.body()).contains("alice@lab.example");
    }
  }

  @Test
  @Order(2)
  void aVoteAndACommentThroughNode1ShowOnNode2sPagesAndApiWithinTwoSeconds() throws Exception {
    int before = upvotes(node(1));
    String page = Cluster.get(node(1) + "/papers/" + LISTED).body(); // now cached on node 2
    assertThat(page).doesNotContain("a comment only node 1 saw");
    try (Client member = member(0)) {
      member.get(node(0) + "/papers/" + LISTED);
      assertThat(member.post(node(0) + "/vote", Map.of("paper", LISTED)).statusCode()).isEqualTo(200);
      assertThat(member.post(node(0) + "/comments", Map.of("paper", LISTED, "body", "a comment only node 1 saw"))
          .statusCode()).isEqualTo(303);
    }
    long written = System.nanoTime();
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      assertThat(upvotes(node(1))).as("node 2's API").isEqualTo(before + 1);
      assertThat(Cluster.get(node(1) + "/papers/" + LISTED).body()).as("node 2's cached page")
          .contains("a comment only node 1 saw");
    });
    System.out.printf("a write on node 1 showed on node 2 after %.0f ms%n", (System.nanoTime() - written) / 1e6);
  }

  @Test
  @Order(3)
  void aMemberAlternatingNodesGetsNoMoreThanOneBudgetOfComments() throws Exception {
    try (Client member = member(1)) {
      member.get(node(0) + "/papers/" + LISTED);
      Map<Integer, Integer> statuses = new HashMap<>();
      for (int i = 0; i < 14; i++) {
        int status = member.post(node(i % 2) + "/comments", Map.of("paper", LISTED, "body", "comment " + i)).statusCode();
        statuses.merge(status, 1, Integer::sum);
      }
      assertThat(statuses).as("10 comments per member per 10 minutes, whichever node takes them")
          .isEqualTo(Map.of(303, 10, 429, 4));
    }
  }

  @Test
  @Order(4)
  void everyNodesIndexFollowsTheStoreWithinFiveSecondsAndALateNodeBuildsItsOwnAndJoins() throws Exception {
    Paper template = admin.papers().find(ArxivId.parse(LISTED)).orElseThrow();
    Paper fresh = new Paper(new ArxivId("2611.99999"), 1, "Quokkas navigate clusters of proxies", "Zyxwvut marsupials.",
        "A. Author", template.authors(), List.of("cs.DC"), null, null, null, null, null, null, List.of(),
        null, LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"));
    admin.papers().upsert(List.of(fresh));
    long written = System.nanoTime();
    double[] seen = {-1, -1};
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (int i = 0; i < 2; i++) {
        if (seen[i] < 0 && searchIds(node(i), "zyxwvut quokkas").equals(List.of("2611.99999"))) {
          seen[i] = (System.nanoTime() - written) / 1e9;
        }
      }
      return seen[0] >= 0 && seen[1] >= 0;
    });
    System.out.printf("the new paper was searchable on node 1 after %.1f s, on node 2 after %.1f s%n", seen[0], seen[1]);
    assertThat(Math.max(seen[0], seen[1])).as("seconds until both nodes' indexes had the new paper").isLessThanOrEqualTo(5.0);

    cluster.join(2);
    assertThat(searchIds(node(2), "zyxwvut quokkas")).as("the late node's own index").containsExactly("2611.99999");
    assertThat(searchIds(node(2), "diphoton")).isEqualTo(searchIds(node(0), "diphoton"));
    assertThat(cluster.proxyState(cluster.node(2))).as("the proxy sends the late node traffic").startsWith("UP");
  }

  @Test
  @Order(5)
  void mailQueuedOnceIsSentOnceWhateverNodeSendsIt() throws Exception {
    int before = smtp.getReceivedMessages().length;
    for (int i = 0; i < 30; i++) {
      admin.outbox().enqueue(OutgoingMail.text("cluster-test:" + i, "reader" + i + "@lab.example", "Mail " + i, "Body " + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length - before >= 30);
    Thread.sleep(3_000); // room for a second sender to double one, if it could
    Map<String, Integer> bySubject = new HashMap<>();
    MimeMessage[] all = smtp.getReceivedMessages();
    for (int i = before; i < all.length; i++) bySubject.merge(all[i].getSubject(), 1, Integer::sum);
    assertThat(bySubject).as("30 mails, each once, with three senders").hasSize(30).allSatisfy((s, n) -> assertThat(n).isEqualTo(1));
  }

  /**
   * Twenty daily digests come due at once while three nodes run the schedule and two more runs (an
   * operator's `digest run`, say) race them: each subscriber gets one digest mail, sent by one node.
   */
  @Test
  @Order(6)
  void dueDigestsAreQueuedOnceAndSentOnceWhateverNodesRunThem() throws Exception {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    StringBuilder feed = new StringBuilder();
    List<Paper> papers = admin.papers().changedAfter(0, "", 10).stream().map(sp -> sp.paper()).toList();
    for (LocalDate day : List.of(today.minusDays(1), today)) { // yesterday is the period; today too, should midnight pass
      for (int i = 0; i < 5; i++) {
        Paper p = papers.get(i);
        feed.append(JSON.writeValueAsString(Map.of("listing_date", day.toString(), "arxiv_id", p.id().value(),
            "title", p.title(), "upvotes", 10 - i, "num_comments", 1, "arxiv_published_at", "2007-04-02T19:18:42.000Z",
            "authors", List.of("A. Author")))).append('\n');
      }
    }
    admin.dailyFeedImporter().importFile(Files.writeString(dir.resolve("digest-feed.jsonl"), feed),
        r -> { throw new AssertionError("rejected " + r); });
    int subscribers = 20;
    for (int i = 0; i < subscribers; i++) {
      String email = "subscriber" + i + "@lab.example";
      admin.subscriptions().subscribe(new Subscriptions.Request(email, Subscription.Frequency.DAILY, null, 0, "UTC", Topics.ALL),
          "10.0.7." + (i + 1), "http://papers.lab.example");
      Subscription s = admin.subscriptions().findByEmail(email).orElseThrow();
      admin.subscriptions().confirm(admin.subscriptions().confirmUrl("", s.id()).substring("/subscriptions/confirm/".length()));
    }

    // the schedule's next tick is now (instead of within 5 minutes); two more runs race the nodes
    java.time.Instant tick = java.time.Instant.now();
    SchedulerClient.Builder.create(admin.database().dataSource()).build().reschedule(TaskInstanceId.of("digests", "recurring"), tick);
    List<Thread> racers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      racers.add(Thread.ofVirtual().start(() -> admin.digests().run(java.time.Instant.now(), null, false, d -> {})));
    }
    for (Thread t : racers) t.join();
    await().atMost(Duration.ofSeconds(90)).until(() -> digestMails().size() >= subscribers);
    await("a node ran the rescheduled tick").atMost(Duration.ofSeconds(60)).until(() -> admin.database().jdbi().withHandle(h ->
        h.createQuery("SELECT last_success FROM scheduled_tasks WHERE task_name = 'digests'").mapTo(java.time.Instant.class)
            .findOne().filter(t -> !t.isBefore(tick)).isPresent()));
    Thread.sleep(3_000); // room for a second sender or a second run to double one, if it could
    Map<String, Integer> byRecipient = digestMails();
    assertThat(byRecipient).as("one digest for each of %d subscribers", subscribers).hasSize(subscribers)
        .allSatisfy((to, n) -> assertThat(n).as("digests to %s", to).isEqualTo(1));
    long runs = admin.database().jdbi().withHandle(h -> h.createQuery(
        "SELECT COUNT(*) FROM digest_runs WHERE period_key = :p").bind("p", "daily:" + today).mapTo(Long.class).one());
    assertThat(runs).as("digest runs recorded for today's period").isEqualTo(subscribers);
  }

  /** Digest mails GreenMail received, by recipient. */
  private Map<String, Integer> digestMails() throws Exception {
    Map<String, Integer> byRecipient = new HashMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getSubject().startsWith("Paperboy daily")) byRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
    }
    return byRecipient;
  }

  @Test
  @Order(7)
  void killingANodeUnderLoadLosesAndDoublesNoAcknowledgedWriteAndItRejoins() throws Exception {
    List<Paper> papers = admin.papers().changedAfter(0, "", 500).stream().map(sp -> sp.paper()).toList();
    Set<String> before = votes();
    LoadResult load = new LoadResult();
    List<Thread> workers = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (int c = 0; c < MEMBERS; c++) {
      int member = c;
      workers.add(Thread.ofVirtual().start(() -> load.run(member, end, papers)));
    }
    Thread.sleep(7_000);
    long killedAt = System.nanoTime();
    cluster.kill9(0);
    cluster.awaitProxyState(cluster.node(0), "DOWN");
    double routedAroundAfter = (System.nanoTime() - killedAt) / 1e9;
    for (Thread t : workers) t.join();
    System.out.printf("load: %s; the proxy marked node 1 down %.1f s after the kill%n", load, routedAroundAfter);

    assertThat(load.acknowledgedAfter(killedAt + 3_000_000_000L)).as("writes acknowledged through the proxy after the kill")
        .isGreaterThan(0);
    Set<String> stored = votes();
    assertThat(load.acknowledged).as("acknowledged votes").isNotEmpty();
    assertThat(stored).as("every acknowledged vote is stored").containsAll(load.acknowledged);
    Set<String> unexplained = new java.util.HashSet<>(stored);
    unexplained.removeAll(before);
    unexplained.removeAll(load.acknowledged);
    unexplained.removeAll(load.uncertain);
    assertThat(unexplained).as("stored votes that no request whose answer was lost can explain").isEmpty();
    Map<String, Long> comments = new HashMap<>();
    admin.database().jdbi().useHandle(h -> h.createQuery("SELECT body, COUNT(*) FROM comments WHERE body LIKE 'load %' GROUP BY body")
        .map((rs, ctx) -> comments.put(rs.getString(1), rs.getLong(2))).list());
    assertThat(comments.values()).as("no comment stored twice").allMatch(n -> n == 1);
    assertThat(comments.keySet()).as("every acknowledged comment stored").containsAll(load.acknowledgedComments());

    cluster.join(0);
    assertThat(cluster.proxyState(cluster.node(0))).as("node 1 rejoined").startsWith("UP");
    assertThat(Cluster.get(cluster.proxy() + "/api/papers/" + LISTED).statusCode()).isEqualTo(200);
  }

  /** Votes (and a comment now and then) by 64 members, each on its own connection from its own loopback address. */
  private final class LoadResult {
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedComments = ConcurrentHashMap.newKeySet();
    private final List<Long> ackTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

    void run(int member, long end, List<Paper> papers) {
      try (Client client = member(member, InetAddress.getByName("127.0.3." + (member + 1)))) {
        while (client.csrf == null && System.nanoTime() < end) client.get(cluster.proxy() + "/papers/" + LISTED);
        for (int i = 0; System.nanoTime() < end && i < papers.size(); i++) {
          String paper = papers.get((member * 7 + i) % papers.size()).id().value();
          String vote = memberIds.get(member) + ":" + paper;
          boolean comment = i % 25 == 0;
          String body = "load " + member + "/" + i;
          try {
            HttpResponse<String> r = comment
                ? client.post(cluster.proxy() + "/comments", Map.of("paper", paper, "body", body))
                : client.post(cluster.proxy() + "/vote", Map.of("paper", paper));
            statuses.merge(r.statusCode(), 1, Integer::sum);
            boolean ok = r.statusCode() == 200 || r.statusCode() == 303;
            if (ok && comment) acknowledgedComments.add(body);
            if (ok && !comment) {
              acknowledged.add(vote);
              ackTimes.add(System.nanoTime());
            }
            if (r.statusCode() >= 500 && !comment) uncertain.add(vote);
            if (r.statusCode() == 429) i--; // try the same paper again once the budget allows
            if (r.statusCode() == 429) Thread.sleep(200);
          } catch (java.io.IOException e) {
            if (!comment) uncertain.add(vote); // the answer was lost: the vote may or may not be in
            statuses.merge(-1, 1, Integer::sum);
          }
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    Set<String> acknowledgedComments() {
      return acknowledgedComments;
    }

    long acknowledgedAfter(long nanos) {
      synchronized (ackTimes) {
        return ackTimes.stream().filter(t -> t > nanos).count();
      }
    }

    @Override
    public String toString() {
      return acknowledged.size() + " votes and " + acknowledgedComments.size() + " comments acknowledged, " + uncertain.size()
          + " uncertain; statuses " + statuses;
    }
  }

  private Set<String> votes() {
    return new java.util.HashSet<>(admin.database().jdbi().withHandle(h -> h.createQuery(
        "SELECT account_id || ':' || paper_id FROM votes").mapTo(String.class).list()));
  }

  private Client member(int m) {
    return member(m, null);
  }

  private Client member(int m, InetAddress from) {
    Client c = new Client(from);
    c.cookie("pb_session", sessions.get(m));
    return c;
  }

  private static int upvotes(String node) throws Exception {
    JsonNode paper = JSON.readTree(Cluster.get(node + "/api/papers/" + LISTED).body());
    return paper.path("upvotes").asInt(paper.path("paper").path("upvotes").asInt(-1));
  }

  private static List<String> searchIds(String node, String q) throws Exception {
    JsonNode r = JSON.readTree(Cluster.get(node + "/api/papers/search?mode=bm25&q=" + q.replace(" ", "+")).body());
    JsonNode list = r.isArray() ? r : r.path("papers");
    List<String> ids = new ArrayList<>();
    for (JsonNode p : list) ids.add(p.has("id") ? p.path("id").asText() : p.path("paper").path("id").asText());
    return ids;
  }

  private static MimeMessage find(GreenMail smtp, String to) throws Exception {
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(to)) return m;
    }
    return null;
  }
}
