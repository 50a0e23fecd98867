package org.paperboy.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.paperboy.code.LinkedCode;
import org.paperboy.code.PaperCode;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.SimilarPaper;
import org.paperboy.search.SimilarPapers;
import org.paperboy.support.Plural;
import org.paperboy.trending.Activity;
import org.paperboy.trending.DailyEntry;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.Listing;

/**
 * Papers and days as plain Markdown, for agents and readers: {@code /papers/{id}.md} (or
 * {@code Accept: text/markdown}) and {@code /api/daily_papers.md}. Stable: the same data gives the same
 * bytes (cached with an ETag like every page). The papers' own text is kept as written (LaTeX
 * included); only {@code < > [ ] &} are escaped, so no text can become markup, an entity or a link.
 */
final class MarkdownPages {
  static final String TYPE = "text/markdown; charset=utf-8";
  private static final int SIMILAR = 5;
  private static final int DAY_LIMIT = 100;

  private final PaperStore papers;
  private final DailyList lists;
  private final LinkedCode code;
  private final SearchHandlers search;
  private final Clock clock;
  private final Supplier<String> base;

  /** @param base the public address links point to */
  MarkdownPages(PaperStore papers, DailyList lists, LinkedCode code, SearchHandlers search, Clock clock, Supplier<String> base) {
    this.papers = papers;
    this.lists = lists;
    this.code = code;
    this.search = search;
    this.clock = clock;
    this.base = base;
  }

  /** The id in a paper URL's path: {@code /papers/{id}.md} names the paper {@code {id}}. */
  static String idText(String pathParam) {
    return pathParam.endsWith(".md") ? pathParam.substring(0, pathParam.length() - 3) : pathParam;
  }

  /** Whether a request for a paper asks for Markdown: {@code /papers/{id}.md}, or an Accept header preferring it. */
  static boolean wanted(Context ctx) {
    if (ctx.pathParam("id").endsWith(".md")) return true;
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/markdown")
        && (!accept.contains("text/html") || accept.indexOf("text/markdown") < accept.indexOf("text/html"));
  }

  void paper(Context ctx) {
    Paper p = PageHandlers.paperNamed(papers, idText(ctx.pathParam("id")));
    Activity activity = lists.activityOf(p.id());
    List<DailyEntry> listings = lists.listingsOf(p);
    PaperCode c = code.of(p.id());
    StringBuilder md = new StringBuilder();
    md.append("# ").append(text(p.title())).append("\n\n");
    md.append("- **Authors:** ").append(authors(p.authors(), Integer.MAX_VALUE)).append('\n');
    md.append("- **arXiv:** [").append(p.id().value()).append("](https://arxiv.org/abs/").append(p.id().value())
        .append(") · [PDF](https://arxiv.org/pdf/").append(p.id().value()).append(") · [Paperboy](")
        .append(base.get()).append("/papers/").append(p.id().value()).append(")\n");
    if (p.publishedOn() != null) md.append("- **Published:** ").append(p.publishedOn()).append('\n');
    md.append("- **Categories:** ").append(String.join(", ", p.categories())).append('\n');
    md.append("- **Upvotes:** ").append(activity.upvotes()).append(" · **Comments:** ").append(activity.comments()).append('\n');
    if (!listings.isEmpty()) {
      md.append("- **On the daily list:** ").append(listings.stream().map(l -> l.listingDate().toString())
          .collect(Collectors.joining(", "))).append('\n');
    }
    if (!c.links().isEmpty()) md.append("- **Code:** ").append(links(c)).append('\n');
    if (p.comments() != null) md.append("- **Comments on arXiv:** ").append(text(p.comments())).append('\n');
    md.append("\n## Abstract\n\n").append(text(p.abstractText())).append("\n");
    SimilarPapers similar = search.similar(p, SIMILAR);
    if (!similar.papers().isEmpty()) {
      md.append("\n## Similar papers\n\n");
      for (SimilarPaper s : similar.papers()) {
        md.append("- ").append(link(s.paper())).append(" — ").append(authors(s.paper().authors(), 3)).append('\n');
      }
      md.append("\n").append(similar.basis().describe()).append(".\n");
    }
    ctx.header("Vary", "Accept").contentType(TYPE).result(md.toString());
  }

  void day(Context ctx) {
    LocalDate latest = lists.latestDay().orElse(LocalDate.now(clock));
    Listing listing = Listing.parse(ctx.queryParam("date"), ctx.queryParam("week"), ctx.queryParam("month"), latest);
    List<DailyEntry> entries = lists.entries(new DailyList.Query(listing.from(), listing.to(), null,
        DailyList.Order.UPVOTES, 0, DAY_LIMIT));
    Map<String, PaperCode> codes = code.of(entries.stream().map(e -> e.paper().id()).toList());
    StringBuilder md = new StringBuilder("# Daily papers: ").append(listing.heading()).append("\n\n");
    if (entries.isEmpty()) md.append("No papers on this list.\n");
    int n = 1;
    for (DailyEntry e : entries) {
      PaperCode c = codes.getOrDefault(e.paper().id().value(), PaperCode.NONE);
      md.append(n++).append(". ").append(link(e.paper())).append('\n');
      md.append("   ").append(authors(e.paper().authors(), 5)).append(" · arXiv ").append(e.paper().id().value())
          .append(" · ").append(Plural.of(e.upvotes(), "upvote")).append(" · ")
          .append(Plural.of(e.comments(), "comment"));
      if (listing.kind() != Listing.Kind.DAY) md.append(" · listed ").append(e.listingDate());
      md.append('\n');
      if (!c.links().isEmpty()) md.append("   Code: ").append(links(c)).append('\n');
    }
    ctx.contentType(TYPE).result(md.toString());
  }

  private String link(Paper p) {
    return "[" + text(p.title()) + "](" + base.get() + "/papers/" + p.id().value() + ")";
  }

  private static String links(PaperCode c) {
    return c.links().stream().map(l -> "[" + text(Views.codeLabel(l, c.stars())) + "](" + l.url() + ")").collect(Collectors.joining(" · "));
  }

  private static String authors(List<Author> authors, int max) {
    String shown = authors.stream().limit(max).map(a -> text(a.displayName())).collect(Collectors.joining(", "));
    return authors.size() > max ? shown + ", et al." : shown;
  }

  /** The text as written, minus what Markdown would read as markup or a link. */
  static String text(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<' || c == '>' || c == '[' || c == ']' || c == '&') b.append('\\');
      b.append(c);
    }
    return b.toString();
  }
}
