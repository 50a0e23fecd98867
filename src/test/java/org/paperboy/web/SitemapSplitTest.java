package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;

/** Past 50,000 papers the sitemap becomes an index of files of at most 50,000 URLs (the real 74,728-paper corpus). */
class SitemapSplitTest {
  private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");

  @TempDir Path dir;

  @StoreKinds
  void theSitemapOfTheWholeCorpusIsAnIndexOfFilesOfAtMost50000Urls(String kind) throws Exception {
    try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)));
        HttpClient http = HttpClient.newHttpClient()) {
      app.snapshotImporter().importFile(TestData.path("arxiv/cs-2025-2026.jsonl.gz"), false, false, r -> {});
      long papers = app.papers().count();
      assertThat(papers).isGreaterThan(Sitemaps.MAX_URLS);
      try (WebServer server = app.webServer().start("127.0.0.1", 0)) {
        String base = server.publicUrl();
        String index = get(http, "http://127.0.0.1:" + server.port() + "/sitemap.xml");
        assertThat(index).contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        List<String> files = locs(index);
        assertThat(files).containsExactly(base + "/sitemaps/papers-1.xml", base + "/sitemaps/papers-2.xml");
        Set<String> urls = new HashSet<>();
        List<String> first = locs(get(http, local(server, files.get(0))));
        List<String> second = locs(get(http, local(server, files.get(1))));
        assertThat(first).hasSize(Sitemaps.MAX_URLS);
        urls.addAll(first);
        urls.addAll(second);
        assertThat(urls).as("every paper once").hasSize((int) papers);
        assertThat(urls).allMatch(u -> u.startsWith(base + "/papers/"));
      }
    }
  }

  /** The file a listed URL names, asked of the server itself. */
  private static String local(WebServer server, String url) {
    return "http://127.0.0.1:" + server.port() + url.substring(server.publicUrl().length());
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/xml; charset=utf-8");
    return r.body();
  }

  private static List<String> locs(String xml) {
    Matcher m = LOC.matcher(xml);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }
}
