package org.paperboy.web;

import io.javalin.http.Context;
import java.util.function.Supplier;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;

/**
 * What crawlers read: {@code /robots.txt} (the public pages yes; sign-in, accounts, admin, forms and
 * search results no) and {@code /sitemap.xml} over every paper. The sitemaps protocol allows 50,000
 * URLs a file, so past that {@code /sitemap.xml} is an index of {@code /sitemaps/papers-N.xml} files.
 */
final class Sitemaps {
  /** The sitemaps protocol's limit of URLs in one file. */
  static final int MAX_URLS = 50_000;
  private static final String XML = "application/xml; charset=utf-8";

  private final PaperStore papers;
  private final Supplier<String> base;
  private final int perFile = MAX_URLS;

  Sitemaps(PaperStore papers, Supplier<String> base) {
    this.papers = papers;
    this.base = base;
  }

  void robots(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result("""
        User-agent: *
        Disallow: /admin
        Disallow: /signin
        Disallow: /signout
        Disallow: /profile
        Disallow: /account/
        Disallow: /submit
        Disallow: /subscribe
        Disallow: /subscriptions/
        Disallow: /unsubscribe/
        Disallow: /digest/
        Disallow: /search
        Disallow: /feeds/search.atom
        Allow: /

        Sitemap: %s/sitemap.xml
        """.formatted(base.get()));
  }

  /** The papers themselves while they fit one file, else the index of the files. */
  void sitemap(Context ctx) {
    long count = papers.count();
    if (count <= perFile) {
      ctx.contentType(XML).result(urls(0));
      return;
    }
    long files = (count + perFile - 1) / perFile;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (long n = 1; n <= files; n++) {
      xml.append("  <sitemap><loc>").append(base.get()).append("/sitemaps/papers-").append(n).append(".xml</loc></sitemap>\n");
    }
    ctx.contentType(XML).result(xml.append("</sitemapindex>\n").toString());
  }

  /** {@code /sitemaps/papers-N.xml}: the N-th file of papers, from 1. */
  void file(Context ctx) {
    String name = ctx.pathParam("file");
    long n;
    try {
      n = Long.parseLong(name.replaceFirst("^papers-(\\d{1,9})\\.xml$", "$1"));
    } catch (NumberFormatException e) {
      throw Refusal.notFound("no sitemap " + name);
    }
    if (n < 1 || (n - 1) * perFile >= papers.count()) throw Refusal.notFound("no sitemap " + name);
    ctx.contentType(XML).result(urls(n - 1));
  }

  private String urls(long page) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (PaperStore.Listed p : papers.listed(page, perFile)) {
      // ids are letters, digits, '.', '-' and '/': nothing to escape in XML
      xml.append("  <url><loc>").append(base.get()).append("/papers/").append(p.id().value()).append("</loc>");
      if (p.lastUpdated() != null) xml.append("<lastmod>").append(p.lastUpdated()).append("</lastmod>");
      xml.append("</url>\n");
    }
    return xml.append("</urlset>\n").toString();
  }
}
