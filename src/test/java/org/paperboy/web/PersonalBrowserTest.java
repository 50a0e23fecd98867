package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import java.net.HttpCookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;

/**
 * A member's personal pages in headless Chromium with JavaScript off, so every step is a plain form:
 * the cold start, importing ids, For you with its why lines, "Not interested", saving, following an
 * author, exporting BibTeX; and a stranger who finds none of it.
 */
@ExtendWith(SharedChromium.class)
class PersonalBrowserTest {
  @TempDir Path dir;
  static Browser browser;


  @BeforeAll
  static void launch(Browser chromium) {
    browser = chromium;
  }

  /** A browser context signed in as the member (the session cookie of a real sign-in), JavaScript off. */
  private static BrowserContext signedIn(PersonalFixture f, Member m) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false)
        .setViewportSize(1100, 900).setAcceptDownloads(true));
    for (HttpCookie c : m.cookies.getCookieStore().getCookies()) {
      context.addCookies(List.of(new Cookie(c.getName(), c.getValue()).setUrl(f.base())));
    }
    return context;
  }

  @StoreKinds
  void aMemberImportsSavesDismissesFollowsAndExportsWithoutJavaScript(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example");
        BrowserContext context = signedIn(f, ada);
        BrowserContext stranger = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
      Page page = context.newPage();
      String base = f.base();

      page.navigate(base + "/for-you");
      assertThat(page.locator(".coldstart").textContent()).contains("Save three papers you like");

      page.navigate(base + "/collections");
      page.locator("#text").fill(String.join("\n", f.sample.liked()) + "\n@misc{x, title={no id}}");
      page.locator("#import button[type=submit]").click();
      assertThat(page.locator(".report").textContent()).contains(f.sample.liked().size() + " added");

      page.navigate(base + "/for-you");
      page.screenshot(new Page.ScreenshotOptions().setPath(BrowserTest.SCREENSHOTS.resolve("for-you.png")).setFullPage(false));
      Locator entries = page.locator("ol.entries > li.entry");
      assertThat(entries.count()).isEqualTo(PersonalHandlers.PAGE);
      assertThat(entries.first().locator(".why").textContent()).startsWith("like “").endsWith("in your Reading list");
      String first = entries.first().getAttribute("id");
      entries.first().getByText("Not interested").click();
      assertThat(page.url()).endsWith("/for-you");
      assertThat(page.locator("[id='" + first + "']").count()).as("dismissed at once").isZero();

      Locator second = page.locator("ol.entries > li.entry").first();
      String secondId = second.getAttribute("id").substring("entry-".length());
      second.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
      assertThat(page.url()).endsWith("/for-you");
      assertThat(page.locator("[id='entry-" + secondId + "']").count()).as("saved: kept, so no longer recommended").isZero();

      String feed = page.locator(".feedlink a").getAttribute("href");
      Page reader = stranger.newPage();
      assertThat(reader.navigate(base + feed).status()).as("the private feed link needs no session").isEqualTo(200);
      page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("New feed link")).click();
      assertThat(page.url()).endsWith("/for-you");
      String renewed = page.locator(".feedlink a").getAttribute("href");
      assertThat(renewed).startsWith("/feeds/for-you/").isNotEqualTo(feed);
      assertThat(reader.navigate(base + feed).status()).as("the old link is revoked").isEqualTo(404);
      assertThat(reader.navigate(base + renewed).status()).isEqualTo(200);
      reader.close();

      page.navigate(base + "/papers/" + f.sample.liked().getFirst());
      page.locator("details.follow-authors summary").click();
      Locator followButton = page.locator("details.follow-authors button").first();
      String author = followButton.textContent().substring("Follow ".length());
      followButton.click();
      page.navigate(base + "/follows");
      assertThat(page.locator("ul.follows").textContent()).contains(author);

      page.navigate(base + "/collections");
      page.locator("ul.collections a").first().click();
      String collectionUrl = page.url();
      Download download = page.waitForDownload(() -> page.locator("a[href$='export.bib']").click());
      String bib = Files.readString(download.path());
      assertThat(bib).contains("eprint = {" + secondId + "}").contains("eprint = {" + f.sample.liked().getFirst() + "}");

      Page other = stranger.newPage();
      var response = other.navigate(collectionUrl);
      assertThat(response.status()).as("a stranger finds no private collection").isEqualTo(404);
      assertThat(other.navigate(base + "/for-you").url()).endsWith("/signin");
    }
  }

  @StoreKinds
  void forYouSaysAPaperIsByAnAuthorOfASavedOne(String kind) throws Exception {
    try (PersonalFixture f = new PersonalFixture(kind, dir); Member ada = f.signIn("ada@lab.example");
        BrowserContext context = signedIn(f, ada)) {
      String own = f.sample.relevant().stream().sorted().findFirst().orElseThrow();
      f.app.snapshotImporter().importFile(f.sample.withAuthors(List.of(own), dir), true, false, r -> {});
      Page page = context.newPage();
      String saved = f.sample.liked().getFirst();
      page.navigate(f.base() + "/collections");
      page.locator("#text").fill(saved);
      page.locator("#import button[type=submit]").click();
      assertThat(page.locator(".report").textContent()).contains("1 added");

      page.navigate(f.base() + "/for-you");
      Locator entry = page.locator("[id='entry-" + own + "']");
      assertThat(entry.count()).as("on the first page").isEqualTo(1);
      assertThat(entry.locator(".why").textContent().strip()).startsWith("by ")
          .contains(", an author of “").endsWith("” in your Reading list");
    }
  }
}
