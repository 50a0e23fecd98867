package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.mail.OutboxSender;

/**
 * A new member's first visit, end to end in headless Chromium with a real SMTP server in process
 * (GreenMail) and the fake arXiv API: ask for a link, read the mail, follow it, submit a paper the
 * store lacks, upvote it, comment, reply, sign out; the same link again is refused.
 */
@ExtendWith(SharedChromium.class)
class CommunityBrowserTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Pattern LINK = Pattern.compile("(http://\\S+/signin/\\S+)");
  private static final String SUBMITTED = "1707.08567";
  private static final String SUBMITTED_TITLE = "Proceedings of Workshop AEW10";

  @TempDir Path dir;
  static Browser browser;

  @BeforeAll
  static void launch(Browser chromium) {
    browser = chromium;
  }

  @StoreKinds
  void aNewMemberSignsInSubmitsVotesCommentsRepliesAndSignsOut(String kind) throws Exception {
    // The submitted paper is from 2017: a wide window lets a plain member submit it.
    try (CommunityFixture f = new CommunityFixture(kind, dir, Clock.systemUTC(), Duration.ofDays(100_000),
            smtp.getSmtp().getPort());
        OutboxSender sender = f.app.newOutboxSender(m -> {});
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 900))) {
      sender.start(50);
      List<String> errors = new ArrayList<>();
      Page page = context.newPage();
      page.onConsoleMessage(m -> {
        if (m.type().equals("error")) errors.add(m.text() + " at " + page.url());
      });
      page.onPageError(e -> errors.add("page error: " + e));
      String base = f.base();

      // Ask for a link and read it from the mail.
      page.navigate(base + "/");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
      page.getByLabel("E-mail address").fill("grace@example.org");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a sign-in link")).click();
      assertThat(page.locator("h1").textContent()).isEqualTo("Check your mail");
      await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
      String link = linkIn(smtp.getReceivedMessages()[0]);
      assertThat(link).startsWith(base + "/signin/");

      // Follow it: a button, then signed in.
      page.navigate(link);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
      Locator account = page.locator("nav.account");
      assertThat(account.textContent()).contains("grace").contains("Sign out");

      // Submit a paper the store does not have: fetched from the (fake) arXiv API.
      account.getByText("Submit a paper").click();
      page.getByLabel("arXiv id or URL").fill("https://arxiv.org/abs/" + SUBMITTED);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
      Locator entry = page.locator("#entry-" + SUBMITTED.replace(".", "\\."));
      assertThat(entry.locator("h3").textContent()).contains(SUBMITTED_TITLE);
      assertThat(entry.textContent()).contains("submitted by grace");

      // Upvote: instant with JavaScript, and it stays after a reload.
      entry.locator("button.upvote").click();
      page.waitForCondition(() -> "1".equals(entry.locator(".count").textContent()));
      assertThat(entry.locator("button.upvote").getAttribute("aria-pressed")).isEqualTo("true");
      page.reload();
      assertThat(entry.locator(".count").textContent()).isEqualTo("1");
      page.screenshot(new Page.ScreenshotOptions().setPath(BrowserTest.SCREENSHOTS.resolve("community-daily-" + kind + ".png")));

      // Comment (holding HTML, which must stay text) and reply.
      entry.locator("h3 a").click();
      page.getByLabel("Add a comment").fill("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
          + " Nice; code at https://example.org/aew10");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post comment")).click();
      Locator comment = page.locator("article.comment").first();
      assertThat(comment.locator(".text").textContent()).contains("<script>window.__pwned = 1</script>");
      assertThat(comment.locator(".text a").getAttribute("rel")).isEqualTo("nofollow ugc noopener");
      assertThat(page.evaluate("() => window.__pwned === undefined")).as("no script from a comment ran").isEqualTo(true);
      page.locator("details.reply summary").first().click();
      page.getByLabel("Your reply").first().fill("Agreed, see section 2.");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post reply")).click();
      assertThat(page.locator("ol.replies article.comment .text").first().textContent()).contains("Agreed, see section 2.");
      assertThat(page.locator(".votes-inline").textContent()).contains("2 comments");
      page.screenshot(new Page.ScreenshotOptions().setPath(BrowserTest.SCREENSHOTS.resolve("community-paper-" + kind + ".png"))
          .setFullPage(true));

      // Sign out, then the same link again: refused.
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
      assertThat(page.locator("nav.account").textContent()).contains("Sign in").doesNotContain("grace");
      page.navigate(link);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
      assertThat(page.locator("main").textContent()).contains("this sign-in link has expired or was already used");
      assertThat(page.locator("nav.account").textContent()).doesNotContain("grace");
      assertThat(errors).as("console errors").allMatch(e -> e.contains("400")); // the refused link's own status
    }
  }

  @StoreKinds
  void withoutJavaScriptSigningInVotingAndCommentingStillWork(String kind) throws Exception {
    try (CommunityFixture f = new CommunityFixture(kind, dir, Clock.systemUTC(), Duration.ofDays(14), smtp.getSmtp().getPort());
        OutboxSender sender = f.app.newOutboxSender(m -> {});
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
      sender.start(50);
      int before = smtp.getReceivedMessages().length;
      Page page = context.newPage();
      page.navigate(f.base() + "/signin");
      page.getByLabel("E-mail address").fill("noscript@example.org");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a sign-in link")).click();
      await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == before + 1);
      page.navigate(linkIn(smtp.getReceivedMessages()[before]));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();

      page.navigate(f.base() + "/?date=" + CommunityFixture.LISTED_DAY);
      Locator entry = page.locator("#entry-" + CommunityFixture.LISTED.replace(".", "\\."));
      entry.locator("button.upvote").click(); // a plain form post and a redirect back
      assertThat(page.url()).endsWith("/?date=" + CommunityFixture.LISTED_DAY);
      assertThat(entry.locator(".count").textContent()).isEqualTo(Integer.toString(CommunityFixture.BASELINE_UPVOTES + 1));
      entry.locator("button.upvote").click();
      assertThat(entry.locator(".count").textContent()).as("taken back").isEqualTo(Integer.toString(CommunityFixture.BASELINE_UPVOTES));

      page.navigate(f.base() + "/papers/" + CommunityFixture.LISTED);
      page.getByLabel("Add a comment").fill("Works without scripts too.");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post comment")).click();
      assertThat(page.locator("article.comment .text").first().textContent()).contains("Works without scripts too.");
    }
  }

  private static String linkIn(MimeMessage message) throws Exception {
    Object content = message.getContent();
    String text = content instanceof Multipart mp ? String.valueOf(mp.getBodyPart(0).getContent()) : String.valueOf(content);
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("a sign-in link in the mail: " + text).isTrue();
    return m.group(1);
  }
}
