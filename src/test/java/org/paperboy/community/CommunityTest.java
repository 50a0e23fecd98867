package org.paperboy.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.AppSecrets;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.QueuedMail;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.MutableClock;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Refusal;
import org.paperboy.support.Signer;

class CommunityTest {
  @TempDir Path dir;

  static final ArxivId PAPER = ArxivId.parse("0704.0001");
  static final Pattern LINK = Pattern.compile("https://papers\\.example/signin/(\\S+)");

  /** A community over a store holding the first 200 real snapshot records. */
  final class World implements AutoCloseable {
    final Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    final RateLimiter limiter = new RateLimiter(clock);
    final AuditLog audit;
    final Accounts accounts;
    final Outbox outbox;
    final SignIn signIn;
    final Votes votes;
    final Comments comments;

    World(String kind) {
      db = TestDatabases.open(kind, dir);
      new SnapshotImporter(new PaperStore(db)).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
      audit = new AuditLog(db, clock);
      accounts = new Accounts(db, clock, audit);
      outbox = new Outbox(db, clock, "paperboy@papers.example");
      signIn = new SignIn(db, clock, outbox, accounts, new Signer(new AppSecrets(db).key("session")), limiter);
      votes = new Votes(db, clock, limiter);
      comments = new Comments(db, clock, limiter, audit);
    }

    /** The token in the newest sign-in mail in the outbox. */
    String lastLinkToken() {
      List<QueuedMail> due = outbox.claimDue(100, Duration.ofMinutes(2));
      String text = due.getLast().mail().text();
      Matcher m = LINK.matcher(text);
      assertThat(m.find()).as("a link in: %s", text).isTrue();
      return m.group(1);
    }

    Account member(String email) {
      signIn.requestLink(email, "10.0.0.1", "https://papers.example/signin/");
      return signIn.redeem(lastLinkToken());
    }

    @Override
    public void close() {
      db.close();
    }
  }

  @StoreKinds
  void aSignInLinkWorksOnceAndCreatesAMember(String kind) {
    try (World w = new World(kind)) {
      w.signIn.requestLink("Ada@Example.org ", "10.0.0.1", "https://papers.example/signin/");
      String token = w.lastLinkToken();
      Account ada = w.signIn.redeem(token);
      assertThat(ada.email()).isEqualTo("ada@example.org");
      assertThat(ada.role()).isEqualTo(Role.MEMBER);
      assertThatThrownBy(() -> w.signIn.redeem(token)).isInstanceOf(Refusal.class).hasMessageContaining("already used");
      String stored = w.db.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM signin_tokens").mapTo(String.class).one());
      assertThat(stored).as("only the hash is stored").isEqualTo(Signer.sha256Hex(token)).isNotEqualTo(token);
    }
  }

  @StoreKinds
  void aLinkExpiresAfterFifteenMinutes(String kind) {
    try (World w = new World(kind)) {
      w.signIn.requestLink("ada@example.org", "10.0.0.1", "https://papers.example/signin/");
      String token = w.lastLinkToken();
      w.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
      assertThatThrownBy(() -> w.signIn.redeem(token)).isInstanceOf(Refusal.class).hasMessageContaining("expired");
      assertThatThrownBy(() -> w.signIn.redeem("made-up")).isInstanceOf(Refusal.class);
    }
  }

  @StoreKinds
  void askingForALinkAnswersTheSameForKnownAndUnknownAddresses(String kind) {
    try (World w = new World(kind)) {
      w.member("known@example.org");
      // neither call reveals anything: both queue a mail and return normally
      w.signIn.requestLink("known@example.org", "10.0.0.2", "https://papers.example/signin/");
      w.signIn.requestLink("unknown@example.org", "10.0.0.2", "https://papers.example/signin/");
      assertThat(w.outbox.counts().get(Outbox.Status.PENDING)).isEqualTo(3);
      assertThatThrownBy(() -> w.signIn.requestLink("not an address", "10.0.0.2", "x"))
          .isInstanceOf(Refusal.class).hasMessageContaining("not an email address");
    }
  }

  @StoreKinds
  void signInMailsAreRateLimitedPerAddress(String kind) {
    try (World w = new World(kind)) {
      for (int i = 0; i < 3; i++) w.signIn.requestLink("ada@example.org", "10.0.0." + i, "https://papers.example/signin/");
      assertThatThrownBy(() -> w.signIn.requestLink("ada@example.org", "10.0.0.9", "https://papers.example/signin/"))
          .isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.kind()).isEqualTo(Refusal.Kind.TOO_MANY);
            assertThat(e.retryAfter()).isPositive();
          });
      w.clock.advance(Duration.ofMinutes(15));
      w.signIn.requestLink("ada@example.org", "10.0.0.9", "https://papers.example/signin/");
    }
  }

  @StoreKinds
  void sessionsAreSignedAndEndEverywhereOnRequest(String kind) {
    try (World w = new World(kind)) {
      Account ada = w.member("ada@example.org");
      String cookie = w.signIn.sessionFor(ada);
      assertThat(w.signIn.account(cookie)).map(Account::id).contains(ada.id());
      String forged = "s2:" + "A".repeat(43) + cookie.substring(cookie.lastIndexOf('.'));
      assertThat(w.signIn.account(forged)).as("another token under the same signature").isEmpty();
      assertThat(w.signIn.account("garbage")).isEmpty();
      w.clock.advance(Duration.ofSeconds(1));
      w.accounts.signOutEverywhere(ada);
      assertThat(w.signIn.account(cookie)).isEmpty();
      w.clock.advance(Duration.ofSeconds(1));
      assertThat(w.signIn.account(w.signIn.sessionFor(ada))).isPresent();
    }
  }

  @StoreKinds
  void endingOneSessionLeavesTheOthersAndTheStoreKeepsOnlyHashes(String kind) {
    try (World w = new World(kind)) {
      Account ada = w.member("ada@example.org");
      String laptop = w.signIn.sessionFor(ada), phone = w.signIn.sessionFor(ada);
      w.signIn.endSession(laptop);
      assertThat(w.signIn.account(laptop)).as("the ended session").isEmpty();
      assertThat(w.signIn.account(phone)).as("the other device").isPresent();
      List<String> stored = w.db.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM sessions").mapTo(String.class).list());
      String token = phone.substring(3, phone.lastIndexOf('.'));
      assertThat(stored).containsExactly(Signer.sha256Hex(token)).doesNotContain(token);
      w.clock.advance(SignIn.SESSION_LIFETIME.plusSeconds(1));
      assertThat(w.signIn.account(phone)).as("after 30 days").isEmpty();
    }
  }

  @StoreKinds
  void aHundredMembersVotingAtOnceCountExactlyAHundred(String kind) throws Exception {
    try (World w = new World(kind)) {
      List<Account> members = new ArrayList<>();
      for (int i = 0; i < 100; i++) members.add(w.accounts.addOrSetRole("m" + i + "@example.org", Role.MEMBER));
      List<Callable<Boolean>> clicks = new ArrayList<>();
      for (Account m : members) clicks.add(() -> w.votes.upvote(m, PAPER));
      Account eager = members.getFirst();
      for (int i = 0; i < 5; i++) clicks.add(() -> w.votes.upvote(eager, PAPER)); // double clicks
      try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
        for (Future<Boolean> f : pool.invokeAll(clicks)) f.get();
      }
      assertThat(w.votes.count(PAPER)).isEqualTo(100);
      assertThat(w.votes.withdraw(eager, PAPER)).isTrue();
      assertThat(w.votes.withdraw(eager, PAPER)).isFalse();
      assertThat(w.votes.count(PAPER)).isEqualTo(99);
      assertThat(w.votes.votedBy(members.get(1), List.of(PAPER, ArxivId.parse("0704.0002")))).containsExactly("0704.0001");
      assertThatThrownBy(() -> w.votes.upvote(eager, ArxivId.parse("2401.99999")))
          .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
    }
  }

  @StoreKinds
  void commentsThreadOneLevelAndOnlyTheirAuthorsEditThem(String kind) {
    try (World w = new World(kind)) {
      Account ada = w.member("ada@example.org");
      Account bob = w.member("bob@example.org");
      long first = w.comments.add(ada, PAPER, null, "Nice <b>result</b> & see https://example.org/x.");
      long reply = w.comments.add(bob, PAPER, first, "Agreed.");
      assertThatThrownBy(() -> w.comments.add(ada, PAPER, reply, "deeper"))
          .isInstanceOf(Refusal.class).hasMessageContaining("one level deep");
      assertThatThrownBy(() -> w.comments.edit(bob, first, "mine now")).isInstanceOf(Refusal.class);
      w.comments.edit(ada, first, "Nice result.");
      w.comments.delete(bob, reply);
      assertThatThrownBy(() -> w.comments.add(ada, PAPER, null, "x".repeat(Comments.MAX_LENGTH + 1)))
          .isInstanceOf(Refusal.class).hasMessageContaining("at most 5000");
      assertThatThrownBy(() -> w.comments.add(ada, PAPER, null, "   ")).isInstanceOf(Refusal.class);

      List<Comments.Thread> threads = w.comments.threads(PAPER);
      assertThat(threads).hasSize(1);
      assertThat(threads.getFirst().comment().body()).isEqualTo("Nice result.");
      assertThat(threads.getFirst().comment().editedAt()).isNotNull();
      assertThat(threads.getFirst().replies()).singleElement().satisfies(r -> {
        assertThat(r.deleted()).isTrue();
        assertThat(r.body()).isEmpty();
      });
      assertThat(w.comments.counts(List.of(PAPER))).containsEntry("0704.0001", 1L);
    }
  }

  @StoreKinds
  void curatorsHideCommentsAndTheAuditLogSaysWho(String kind) {
    try (World w = new World(kind)) {
      Account ada = w.member("ada@example.org");
      Account curator = w.accounts.addOrSetRole("cur@example.org", Role.CURATOR);
      long c = w.comments.add(ada, PAPER, null, "spam spam");
      assertThatThrownBy(() -> w.comments.setHidden(ada, c, true))
          .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.FORBIDDEN));
      w.comments.setHidden(curator, c, true);
      assertThat(w.comments.threads(PAPER).getFirst().comment().hidden()).isTrue();
      assertThat(w.comments.counts(List.of(PAPER))).isEmpty();
      assertThat(w.audit.recent(5)).singleElement().satisfies(e -> {
        assertThat(e.actorId()).isEqualTo(curator.id());
        assertThat(e.action()).isEqualTo("hide-comment");
        assertThat(e.target()).isEqualTo("comment:" + c);
      });
    }
  }

  @org.junit.jupiter.api.Test
  void commentTextBecomesEscapedHtmlWithSafeLinks() {
    assertThat(CommentHtml.render("<script>alert(1)</script> & see https://example.org/a?b=1&c=\"2\".\nbye"))
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &amp; see <a href=\"https://example.org/a?b=1&amp;c=\" "
            + "rel=\"nofollow ugc noopener\" target=\"_blank\">https://example.org/a?b=1&amp;c=</a>&quot;2&quot;.<br>\nbye");
    assertThat(CommentHtml.render("javascript:alert(1)")).doesNotContain("<a");
  }
}
