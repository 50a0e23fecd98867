package org.paperboy.web;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.code.CodeLink;
import org.paperboy.code.GithubStars;
import org.paperboy.code.PaperCode;
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
  /**
   * What every page's frame shows.
   *
   * @param feeds Atom feeds of this page's content, announced as {@code <link rel="alternate">} (the site-wide
   *     daily and trending feeds are announced on every page anyway)
   * @param share how the page is described when shared (OpenGraph and Twitter card tags); null: not described
   */
  public record Chrome(String title, String section, String query, Visitor visitor, List<Link> feeds, Share share) {
    public Chrome {
      feeds = List.copyOf(feeds);
    }

    public Chrome(String title, String section, String query, Visitor visitor) {
      this(title, section, query, visitor, List.of(), null);
    }

    public Chrome(String title, String section, String query) {
      this(title, section, query, null);
    }

    public Chrome withFeed(String title, String href) {
      List<Link> more = new java.util.ArrayList<>(feeds);
      more.add(new Link(title, href));
      return new Chrome(this.title, section, query, visitor, more, share);
    }

    public Chrome sharedAs(Share how) {
      return new Chrome(title, section, query, visitor, feeds, how);
    }
  }

  /** A page as a link preview shows it: an absolute URL, a title, a short description. */
  public record Share(String url, String title, String description, String type) {}

  public record Link(String label, String href) {}

  /** One paper in a list: enough to decide whether to open it. */
  public record Entry(String id, String title, List<Link> authors, int moreAuthors, int upvotes, int comments,
      String commentsLabel, String submittedBy, List<String> categories, String abstractStart, boolean isNew,
      LocalDate listedOn, String why, Link code) {

    static final int AUTHORS_SHOWN = 6;

    /** The same entry with another "why" line (a personal reason, say). */
    Entry withWhy(String other) {
      return new Entry(id, title, authors, moreAuthors, upvotes, comments, commentsLabel, submittedBy, categories,
          abstractStart, isNew, listedOn, other, code);
    }
    static final int ABSTRACT_START = 280;

    /** An entry without a "Code" button (its links not looked up). */
    static Entry of(DailyEntry e, boolean isNew, String why) {
      return of(e, isNew, why, PaperCode.NONE);
    }

    static Entry of(Paper p) {
      return of(p, PaperCode.NONE);
    }

    /** @param code the paper's links, for the "Code" button */
    static Entry of(DailyEntry e, boolean isNew, String why, PaperCode code) {
      Paper p = e.paper();
      List<Author> all = p.authors();
      List<Link> shown = all.stream().limit(AUTHORS_SHOWN).map(Views::authorLink).toList();
      return new Entry(p.id().value(), p.title(), shown, Math.max(0, all.size() - AUTHORS_SHOWN), e.upvotes(),
          e.comments(), e.commentsLabel(), e.submittedBy(), shownCategories(p), start(p.abstractText(), ABSTRACT_START),
          isNew, e.listingDate(), why, codeButton(code));
    }

    static Entry of(Paper p, PaperCode code) {
      List<Link> shown = p.authors().stream().limit(AUTHORS_SHOWN).map(Views::authorLink).toList();
      return new Entry(p.id().value(), p.title(), shown, Math.max(0, p.authors().size() - AUTHORS_SHOWN), 0, 0,
          org.paperboy.trending.Activity.commentsLabel(0, 0), null,
          shownCategories(p), start(p.abstractText(), ABSTRACT_START), false, p.publishedOn(), null, codeButton(code));
    }
  }

  /** Where the "Code" button goes, its label naming the repository (and its stars where tracked); null: no code. */
  static Link codeButton(PaperCode code) {
    return code.code().map(l -> new Link(codeLabel(l, code.stars()), l.url())).orElse(null);
  }

  /** A link's kind and repository, e.g. "GitHub owner/repo · 1,234 stars (+56 this week)": the one wording, on pages and in Markdown. */
  static String codeLabel(CodeLink l, GithubStars.Stars stars) {
    String label = l.repo() == null ? l.kind().label() : l.kind().label() + " " + l.repo();
    if (l.kind() == CodeLink.Kind.GITHUB && stars != null) {
      label += String.format(java.util.Locale.ROOT, " · %,d stars", stars.stars())
          + (stars.growth() > 0 ? String.format(java.util.Locale.ROOT, " (+%,d this week)", stars.growth()) : "");
    }
    return label;
  }

  /** Every link of a paper, labelled, for its page. */
  static List<Link> codeLinks(PaperCode code) {
    return code.links().stream().map(l -> new Link(codeLabel(l, code.stars()), l.url())).toList();
  }

  /** @param sorts the orders the list can be shown in ("Upvotes", "GitHub stars"), the current one {@code sort} */
  public record DailyPage(Chrome chrome, String heading, String kind, LocalDate day, Link previous, Link next,
      Link dayView, Link weekView, Link monthView, List<Entry> entries, boolean empty, String sort, List<Link> sorts) {}

  public record TrendingPage(Chrome chrome, String window, String heading, String formula, List<Entry> entries,
      List<Link> windows) {}

  /** @param code the "Code" button (null: none); {@code codeLinks} every code and project link */
  public record PaperPage(Chrome chrome, Paper paper, List<Link> authors, String published, List<VersionView> versions,
      int upvotes, int comments, String commentsLabel, List<Link> listings, String bibtex, List<Entry> similar,
      String similarBasis, CommunityViews.Discussion discussion, Link code, List<Link> codeLinks) {}

  public record VersionView(String label, String submittedAt, String size) {
    static VersionView of(Version v) {
      return new VersionView("v" + v.number(), v.submittedAt() == null ? "" : v.submittedAt().toString(),
          v.size() == null ? "" : v.size());
    }
  }

  public record LatestPage(Chrome chrome, String category, LocalDate day, List<Link> categories, List<Entry> entries) {}

  /** {@code error}: why the query could not be run (shown above the form, which keeps what was typed), else null. */
  public record SearchPage(Chrome chrome, String query, String mode, String category, String from, String to,
      String summary, List<Hit> hits, Link previous, Link next, String feedHref, String error) {}

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
    return new Link(a.displayName(), authorSearch(a.displayName()));
  }

  /** The search for an author's papers: au:"…" is the search syntax, its quotes keep the names together. */
  static String authorSearch(String name) {
    return "/search?q=" + java.net.URLEncoder.encode("au:\"" + name + "\"", java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The page listing a category's latest papers (its feed's page too). */
  static String latestIn(String category) {
    return "/latest?category=" + java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8);
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
