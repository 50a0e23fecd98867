package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The site in headless Chromium ({@link SharedChromium}); screenshots go to target/screenshots. */
@ExtendWith(SharedChromium.class)
class BrowserTest {
  static final Path SCREENSHOTS = SharedChromium.SCREENSHOTS;
  static WebFixture web;
  static Browser browser;

  BrowserContext context;
  Page page;
  final List<String> consoleErrors = new ArrayList<>();

  @BeforeAll
  static void start(Browser chromium) {
    web = WebFixture.shared("sqlite");
    browser = chromium;
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1100, 900));
    page = watched(context.newPage());
  }

  @AfterEach
  void closePage() {
    context.close();
    assertThat(consoleErrors).as("console errors and page errors").isEmpty();
  }

  Page watched(Page p) {
    p.onConsoleMessage(m -> {
      if (m.type().equals("error")) consoleErrors.add(m.text() + " at " + p.url());
    });
    p.onPageError(e -> consoleErrors.add("page error: " + e));
    return p;
  }

  void shoot(Page p, String name) {
    p.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
  }

  @Test
  void theDailyPageShowsTheLatestDayOfTheImportedFeed() {
    page.navigate(web.url("/"));
    assertThat(page.locator("h1").textContent()).isEqualTo("Friday, 2026-08-21");
    Locator entries = page.locator("li.entry");
    assertThat(entries.count()).isGreaterThan(5);
    Locator first = entries.first();
    assertThat(first.locator(".votes .count").textContent()).matches("\\d+");
    assertThat(first.locator(".authors a").count()).isPositive();
    assertThat(first.locator(".abstract").textContent()).isNotBlank();
    shoot(page, "daily");
  }

  @Test
  void theArrowsAndTheDatePickerMoveBetweenDays() {
    page.navigate(web.url("/"));
    page.locator("a[rel=prev]").click();
    page.waitForURL("**/?date=2026-08-20");
    assertThat(page.locator("h1").textContent()).isEqualTo("Thursday, 2026-08-20");
    page.locator("a[rel=next]").click();
    page.waitForURL("**/?date=2026-08-21");
    page.locator("#date").fill("2024-05-27");
    page.locator(".datepicker button").click();
    page.waitForURL("**/?date=2024-05-27");
    assertThat(page.locator("h1").textContent()).isEqualTo("Monday, 2024-05-27");
    assertThat(page.locator("li.entry h3 a").first().textContent()).startsWith("ConvLLaVA");
    // exactly "Week": the nav also links "GitHub stars this week"
    page.locator("nav.views a", new Page.LocatorOptions().setHasText(java.util.regex.Pattern.compile("^Week$"))).click();
    page.waitForURL("**/?week=2024-W22");
    assertThat(page.locator("h1").textContent()).startsWith("Top of the week 2024-W22");
  }

  @Test
  void aPaperPageShowsEverythingAboutIt() {
    page.navigate(web.url("/?date=2024-05-27"));
    page.locator("li.entry h3 a").first().click();
    page.waitForURL("**/papers/2405.15738");
    assertThat(page.locator("h1").textContent()).startsWith("ConvLLaVA: Hierarchical Backbones");
    assertThat(page.locator(".authors a").first().textContent()).isEqualTo("Chunjiang Ge");
    assertThat(page.locator(".authors a").first().getAttribute("href")).isEqualTo("/search?q=au%3A%22Chunjiang+Ge%22");
    assertThat(page.locator("a.button", new Page.LocatorOptions().setHasText("PDF")).getAttribute("href"))
        .isEqualTo("https://arxiv.org/pdf/2405.15738");
    assertThat(page.locator("pre.bibtex").textContent()).startsWith("@misc{ge2024").contains("eprint = {2405.15738}");
    assertThat(page.locator(".paper .actions").textContent()).contains("32").contains("3 comments");
    shoot(page, "paper");

    page.navigate(web.url("/papers/" + WebFixture.OLD_STYLE_ID));
    assertThat(page.locator("h1").textContent()).as("math is left readable").isEqualTo("Strings on $AdS_5 \\times S^5$");
    assertThat(page.locator("table.versions tbody tr").count()).isEqualTo(2);
  }

  @Test
  void searchShowsHighlightedResultsAndAuthorsLinkToTheirPapers() {
    page.navigate(web.url("/"));
    page.locator("#q").fill("visual encoder");
    page.locator("form.search button").click();
    page.waitForURL("**/search?q=visual+encoder");
    Locator results = page.locator("ol.results li.entry");
    assertThat(results.count()).isGreaterThan(3);
    assertThat(page.locator("ol.results mark").count()).as("highlighted matches").isPositive();
    shoot(page, "search");
    page.navigate(web.url("/papers/2405.15738"));
    page.locator(".authors a").first().click();
    page.waitForURL("**/search?q=au%3A%22Chunjiang+Ge%22");
    assertThat(page.locator("ol.results h3 a").allTextContents()).anySatisfy(t -> assertThat(t).startsWith("ConvLLaVA"));
    page.navigate(web.url("/search?q=Mallory"));
    assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
    assertThat(page.locator("main img").count()).isZero();
  }

  @Test
  void aPaperPageListsSimilarPapers() {
    page.navigate(web.url("/papers/0704.0033"));
    Locator similar = page.locator("section[aria-labelledby=similar-h] li.entry");
    assertThat(similar.count()).isEqualTo(5);
    similar.first().locator("h3 a").click();
    page.waitForURL("**/papers/**");
    assertThat(page.url()).doesNotEndWith("0704.0033");
    shoot(page, "paper-similar");
  }

  @Test
  void thePagesWorkWithJavaScriptDisabled() {
    BrowserContext noJs = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false));
    try {
      Page p = watched(noJs.newPage());
      p.navigate(web.url("/"));
      assertThat(p.locator("li.entry").count()).isPositive();
      p.locator("a[rel=prev]").click();
      p.waitForURL("**/?date=2026-08-20");
      p.locator("#date").fill("2025-01-01");
      p.locator(".datepicker button").click();
      p.waitForURL("**/?date=2025-01-01");
      p.locator("li.entry h3 a").first().click();
      p.waitForURL("**/papers/**");
      assertThat(p.locator("pre.bibtex").isVisible()).isTrue();
      p.navigate(web.url("/trending?window=month"));
      assertThat(p.locator(".why").first().textContent()).contains("upvotes");
      shoot(p, "trending-no-js");
      p.locator("#q").fill("diffusion");
      p.locator("form.search button").click();
      p.waitForURL("**/search?q=diffusion");
      assertThat(p.locator("ol.results li.entry").count()).isPositive();
    } finally {
      noJs.close();
    }
  }

  @Test
  void hostileTitlesAuthorsAndAbstractsShowAsTextAndRunNothing() {
    page.navigate(web.url("/papers/" + WebFixture.EVIL_ID));
    assertThat(page.evaluate("() => window.__pwned === undefined")).as("no injected script ran").isEqualTo(true);
    assertThat(page.locator("h1").textContent()).isEqualTo(WebFixture.EVIL_TITLE);
    assertThat(page.locator(".authors a").first().textContent()).isEqualTo(WebFixture.EVIL_AUTHOR);
    assertThat(page.locator(".authors a").nth(1).textContent()).isEqualTo("Alice O'Brien & Bob");
    assertThat(page.locator(".abstract-full").textContent().strip()).isEqualTo(WebFixture.EVIL_ABSTRACT);
    assertThat(page.locator("main img").count()).as("no <img> was injected").isZero();
    assertThat(page.locator("main b").count()).as("no <b> was injected").isZero();
    shoot(page, "escaping");

    page.navigate(web.url("/?date=" + WebFixture.EVIL_DAY));
    Locator evil = page.locator("li.entry", new Page.LocatorOptions().setHasText("Mallory"));
    assertThat(evil.locator("h3 a").textContent()).isEqualTo(WebFixture.EVIL_TITLE);
    assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
    assertThat(page.locator("main img").count()).isZero();
  }

  @Test
  void darkModeAndASmallScreenStayReadable() {
    BrowserContext dark = browser.newContext(new Browser.NewContextOptions().setColorScheme(ColorScheme.DARK)
        .setViewportSize(390, 844));
    try {
      Page p = watched(dark.newPage());
      p.navigate(web.url("/"));
      String background = (String) p.evaluate("() => getComputedStyle(document.body).backgroundColor");
      assertThat(background).isEqualTo("rgb(21, 23, 26)");
      Object overflow = p.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
      assertThat(overflow).as("no horizontal scrolling on a phone").isEqualTo(true);
      shoot(p, "daily-dark-phone");
    } finally {
      dark.close();
    }
  }
}
