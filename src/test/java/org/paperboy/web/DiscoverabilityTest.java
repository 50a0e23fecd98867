package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.paperboy.db.StoreKinds;

/** What link previews, feed readers and crawlers find: OpenGraph and Twitter tags, feed alternates, robots.txt, the sitemap; and the Code buttons. */
@StoreKinds
class DiscoverabilityTest {
  static LivingWeb living;
  static WebFixture web;

  /** The store this run of the class is on ({@code @StoreKinds}); {@link #start} is given it too. */
  @Parameter String kind;

  @BeforeParameterizedClassInvocation
  static void start(String kind) {
    living = LivingWeb.shared(kind);
    web = living.web();
  }

  @Test
  void aPaperPageDescribesItselfForLinkPreviews() {
    String page = web.get("/papers/2608.13489").body();
    String url = living.site("/papers/2608.13489");
    assertThat(page).contains("<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:url\" content=\"" + url + "\">",
        "<meta property=\"og:title\" content=\"DreamX-Phi 1.0: Action-Conditioned Video World Model for Robotic Manipulation\">",
        "<meta property=\"og:description\" content=\"We present DreamX-Phi 1.0, an action-conditioned video world model",
        "<meta name=\"twitter:card\" content=\"summary\">", "<link rel=\"canonical\" href=\"" + url + "\">",
        "<link rel=\"alternate\" type=\"text/markdown\" title=\"This paper as Markdown\" href=\"" + url + ".md\">");
    // a hostile title stays text inside the attribute
    String evil = web.get("/papers/" + WebFixture.EVIL_ID).body();
    assertThat(evil).contains("<meta property=\"og:title\" content=\"&lt;script>window.__pwned = 1&lt;/script>")
        .doesNotContain("<script>window.__pwned");
  }

  @Test
  void everyPageWithAFeedAnnouncesIt() {
    assertThat(web.get("/").body()).contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Daily papers\" href=\"/feeds/daily.atom\">",
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Trending papers\" href=\"/feeds/trending.atom\">");
    assertThat(web.get("/latest?category=cs.CV").body())
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Papers in cs.CV\" href=\"/feeds/category/cs.CV.atom\">");
    assertThat(web.get("/search?q=world+model&mode=bm25").body())
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Search: world model\" href=\"/feeds/search.atom?q=world+model\">");
    for (String feed : new String[] {"/feeds/category/cs.CV.atom", "/feeds/search.atom?q=world+model"}) {
      assertThat(web.get(feed).body()).as(feed).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    }
  }

  @Test
  void listsAndPaperPagesHaveACodeButtonAndTheListSortsByStarGrowth() {
    String day = web.get("/?date=2026-08-14").body();
    assertThat(day).contains("<a class=\"code\" href=\"https://github.com/AMAP-ML/DreamX-Phi\" "
        + "title=\"GitHub AMAP-ML/DreamX-Phi · 63 stars (+40 this week)\" rel=\"nofollow noopener\">Code</a>");
    Matcher first = Pattern.compile("<li class=\"entry\" id=\"entry-([^\"]+)\"").matcher(web.get("/?date=2026-08-14&sort=stars").body());
    assertThat(first.find()).isTrue();
    assertThat(first.group(1)).as("the paper whose repository grew most comes first").isEqualTo("2608.13489");
    String paper = web.get("/papers/2608.13489").body();
    assertThat(paper).contains("<a class=\"button code\" href=\"https://github.com/AMAP-ML/DreamX-Phi\"",
        "<dt>Code and project</dt>");
    assertThat(web.get("/trending?window=month").body()).contains("+40 GitHub stars this week");
    assertThat(web.get("/?date=2026-08-14&sort=nonsense").statusCode()).isEqualTo(400);
  }

  @Test
  void robotsPointCrawlersAtTheSitemapAndAwayFromPrivatePages() {
    String robots = web.get("/robots.txt").body();
    assertThat(robots).contains("User-agent: *", "Disallow: /admin", "Disallow: /signin", "Disallow: /search",
        "Sitemap: " + living.site("/sitemap.xml"));
    String sitemap = web.get("/sitemap.xml").body();
    assertThat(sitemap).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset");
    long urls = sitemap.lines().filter(l -> l.contains("<loc>")).count();
    assertThat(urls).as("one URL per paper while they fit one file").isEqualTo(web.app.papers().count());
    assertThat(sitemap).contains("<loc>" + living.site("/papers/" + WebFixture.OLD_STYLE_ID) + "</loc><lastmod>1999-03-02</lastmod>");
    assertThat(web.get("/sitemaps/papers-1.xml").statusCode()).isEqualTo(200);
    assertThat(web.get("/sitemaps/papers-2.xml").statusCode()).isEqualTo(404);
    assertThat(web.get("/sitemaps/other.xml").statusCode()).isEqualTo(404);
  }
}
