package org.paperboy.web;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.Version;
import org.paperboy.trending.DailyEntry;

/**
 * What the templates see: plain records built by the handlers, so a template never reaches into a
 * store. Text stays raw here; jte's HTML content type escapes it on output.
 */
public final class Views {
  private Views() {}

  /** Shown in every page's header and footer; {@code visitor} is the signed-in member, null for anyone else. */
  public record Chrome(String title, String section, String query, Visitor visitor) {
    public Chrome(String title, String section, String query) {
      this(title, section, query, null);
    }
  }

  public record Link(String label, String href) {}

  /** One paper in a list: enough to decide whether to open it. */
  public record Entry(String id, String title, List<Link> authors, int moreAuthors, int upvotes, int comments,
      String commentsLabel, String submittedBy, List<String> categories, String abstractStart, boolean isNew, LocalDate listedOn,
      String why) {

    static final int AUTHORS_SHOWN = 6;

    /** The same entry with another "why" line (a personal reason, say). */
    Entry withWhy(String other) {
      return new Entry(id, title, authors, moreAuthors, upvotes, comments, commentsLabel, submittedBy, categories,
          abstractStart, isNew, listedOn, other);
    }
    static final int ABSTRACT_START = 280;

    static Entry of(DailyEntry e, boolean isNew, String why) {
      Paper p = e.paper();
      List<Author> all = p.authors();
      List<Link> shown = all.stream().limit(AUTHORS_SHOWN).map(Views::authorLink).toList();
      return new Entry(p.id().value(), p.title(), shown, Math.max(0, all.size() - AUTHORS_SHOWN), e.upvotes(),
          e.comments(), e.commentsLabel(), e.submittedBy(), shownCategories(p), start(p.abstractText(), ABSTRACT_START), isNew,
          e.listingDate(), why);
    }

    static Entry of(Paper p) {
      List<Link> shown = p.authors().stream().limit(AUTHORS_SHOWN).map(Views::authorLink).toList();
      return new Entry(p.id().value(), p.title(), shown, Math.max(0, p.authors().size() - AUTHORS_SHOWN), 0, 0,
          org.paperboy.trending.Activity.commentsLabel(0, 0), null,
          shownCategories(p), start(p.abstractText(), ABSTRACT_START), false, p.publishedOn(), null);
    }
  }

  public record DailyPage(Chrome chrome, String heading, String kind, LocalDate day, Link previous, Link next,
      Link dayView, Link weekView, Link monthView, List<Entry> entries, boolean empty) {}

  public record TrendingPage(Chrome chrome, String window, String heading, String formula, List<Entry> entries,
      List<Link> windows) {}

  public record PaperPage(Chrome chrome, Paper paper, List<Link> authors, String published, List<VersionView> versions,
      int upvotes, int comments, String commentsLabel, List<Link> listings, String bibtex, List<Entry> similar, String similarBasis,
      CommunityViews.Discussion discussion) {}

  public record VersionView(String label, String submittedAt, String size) {
    static VersionView of(Version v) {
      return new VersionView("v" + v.number(), v.submittedAt() == null ? "" : v.submittedAt().toString(),
          v.size() == null ? "" : v.size());
    }
  }

  public record LatestPage(Chrome chrome, String category, LocalDate day, List<Link> categories, List<Entry> entries) {}

  public record SearchPage(Chrome chrome, String query, String mode, String category, String from, String to,
      String summary, List<Hit> hits, Link previous, Link next, String feedHref) {}

  /**
   * One search result. {@code titleHtml} and {@code snippetHtml} come from the search feature already
   * escaped, with only its own {@code <mark>} tags added, so the template writes them unescaped.
   */
  public record Hit(String id, String titleHtml, String snippetHtml, List<Link> authors, int moreAuthors,
      List<String> categories, String published) {
    static Hit of(org.paperboy.search.SearchResults.Hit h) {
      Paper p = h.paper();
      return new Hit(p.id().value(), h.titleHtml(), h.snippetHtml(),
          p.authors().stream().limit(Entry.AUTHORS_SHOWN).map(Views::authorLink).toList(),
          Math.max(0, p.authors().size() - Entry.AUTHORS_SHOWN), shownCategories(p),
          p.publishedOn() == null ? "" : p.publishedOn().toString());
    }
  }

  public record ErrorPage(Chrome chrome, int status, String message) {}

  /** A paper's categories minus the placeholder a feed-made paper carries until arXiv's metadata arrives. */
  public static List<String> shownCategories(Paper p) {
    return p.categories().stream().filter(c -> !c.equals(org.paperboy.trending.DailyFeedImporter.UNKNOWN_CATEGORY)).toList();
  }

  static Link authorLink(Author a) {
    String name = a.displayName();
    // au:"…" is the search syntax for an author; the quotes keep first and last name together
    return new Link(name, "/search?q=" + java.net.URLEncoder.encode("au:\"" + name + "\"", java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The start of a text, cut at a word boundary, for list entries. */
  static String start(String text, int max) {
    if (text == null) return "";
    String firstParagraph = text.split("\n\n", 2)[0];
    if (firstParagraph.length() <= max) return firstParagraph;
    int cut = firstParagraph.lastIndexOf(' ', max);
    return firstParagraph.substring(0, cut > max / 2 ? cut : max) + " …";
  }
}
