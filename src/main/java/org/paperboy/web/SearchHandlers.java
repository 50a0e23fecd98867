package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.search.SearchService;
import org.paperboy.search.SimilarPaper;
import org.paperboy.search.SimilarPapers;
import org.paperboy.support.Refusal;
import org.paperboy.trending.Listing;

/**
 * Search as a page, as JSON and as an Atom feed, all over the search feature's facade. The request
 * is read the same way for all three; the search feature validates it (a refusal → 400).
 */
final class SearchHandlers {
  static final int PAGE_SIZE = 20;

  private final SearchService search;
  private final PaperStore papers;
  private final Templates templates;
  private final PaperJson json;

  SearchHandlers(SearchService search, PaperStore papers, Templates templates, PaperJson json) {
    this.search = search;
    this.papers = papers;
    this.templates = templates;
    this.json = json;
  }

  /** The form's fields, echoed back into the form. */
  record Form(String q, String mode, String category, String from, String to, int page) {
    static Form of(Context ctx) {
      String mode = orDefault(ctx.queryParam("mode"), SearchMode.HYBRID.label());
      // "keywords" and "meaning" (the form's labels) are shown as the option they name; a mode no
      // option names stays as typed, for the error above the form to quote
      mode = SearchMode.named(mode).map(SearchMode::label).orElse(mode);
      return new Form(PageHandlers.blankToNull(ctx.queryParam("q")), mode,
          PageHandlers.blankToNull(ctx.queryParam("category")), PageHandlers.blankToNull(ctx.queryParam("from")),
          PageHandlers.blankToNull(ctx.queryParam("to")), ApiHandlers.intParam(ctx, "p", 0, 0, 49));
    }

    SearchRequest request(int limit) {
      SearchRequest r = SearchRequest.of(q).withMode(SearchMode.parse(mode)).withPage(page * limit, limit);
      if (category != null) r = r.withCategory(category, false);
      if (from != null || to != null) {
        r = r.withDates(from == null ? null : Listing.parseDate(from, "from"), to == null ? null : Listing.parseDate(to, "to"),
            SearchRequest.DateField.ANNOUNCED);
      }
      return r;
    }

    /** This search's first page, as a link. */
    String firstPage() {
      StringBuilder b = new StringBuilder("/search?q=").append(enc(q)).append("&mode=").append(enc(mode));
      if (category != null) b.append("&category=").append(enc(category));
      if (from != null) b.append("&from=").append(enc(from));
      if (to != null) b.append("&to=").append(enc(to));
      return b.toString();
    }

    String pageLink(int p) {
      return firstPage() + "&p=" + p;
    }

    private static String orDefault(String s, String fallback) {
      return s == null || s.isBlank() ? fallback : s.strip();
    }

    private static String enc(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  void page(Context ctx, Views.Chrome chrome) {
    Form form = Form.of(ctx);
    SearchResults results;
    try {
      results = form.q() == null ? null : search.search(form.request(PAGE_SIZE));
    } catch (Refusal e) {
      if (e.kind() != Refusal.Kind.BAD_INPUT) throw e;
      // a query or filter that cannot be used: say why above the same form, filled in, so it can be fixed there
      ctx.status(400).contentType("text/html; charset=utf-8").result(templates.render("search.jte", new Views.SearchPage(chrome,
          form.q(), form.mode(), form.category(), form.from(), form.to(), "", List.of(), null, null, null, e.getMessage())));
      return;
    }
    List<Views.Hit> hits = results == null ? List.of() : results.hits().stream().map(Views.Hit::of).toList();
    Views.Link previous = form.page() > 0 ? new Views.Link("Previous", form.pageLink(form.page() - 1)) : null;
    Views.Link next = results != null && (long) (form.page() + 1) * PAGE_SIZE < results.total() && form.page() < 49
        ? new Views.Link("Next", form.pageLink(form.page() + 1)) : null;
    String summary = results == null ? "" : String.format("%s (%s, %d ms)%s", results.totalSaid(), results.mode().label(),
        results.took().toMillis(), results.basis().note().isEmpty() ? "" : " · " + results.basis().note());
    ctx.contentType("text/html; charset=utf-8").result(templates.render("search.jte", new Views.SearchPage(chrome, form.q(),
        form.mode(), form.category(), form.from(), form.to(), summary, hits, previous, next,
        form.q() == null ? null : "/feeds/search.atom?q=" + Form.enc(form.q()), null)));
  }

  /**
   * {@code list_papers}: a bare array of paper objects, best first, each with Paperboy's {@code score},
   * {@code titleHtml} and {@code snippetHtml}; the total in {@code X-Total-Count}, the mode in {@code X-Search-Mode},
   * what it was ranked by in {@code X-Search-Basis}, {@code X-Search-Vector-Share} and {@code X-Search-Basis-Note}.
   */
  void api(Context ctx) {
    int limit = ApiHandlers.intParam(ctx, "limit", 20, 1, SearchRequest.MAX_LIMIT);
    Form form = Form.of(ctx);
    if (form.q() == null) throw Refusal.badInput("q is required: type a few words");
    SearchResults results = search.search(form.request(limit));
    List<ObjectNode> items = json.papers(results.hits().stream().map(SearchResults.Hit::paper).toList());
    for (int i = 0; i < items.size(); i++) {
      SearchResults.Hit h = results.hits().get(i);
      items.get(i).put("score", h.score()).put("titleHtml", h.titleHtml()).put("snippetHtml", h.snippetHtml());
    }
    ctx.header("X-Total-Count", Long.toString(results.total()));
    ctx.header("X-Search-Mode", results.mode().label());
    // what the list was ranked by: words, meaning or both, and how much of the corpus has a vector yet
    ctx.header("X-Search-Basis", results.basis().kind().label());
    ctx.header("X-Search-Vector-Share", Double.toString(results.basis().vectorShare()));
    if (!results.basis().note().isEmpty()) ctx.header("X-Search-Basis-Note", results.basis().note());
    ApiHandlers.json(ctx, ApiHandlers.array(items));
  }

  void similarApi(Context ctx) {
    Paper p = PageHandlers.paperNamed(papers, ctx.pathParam("id"));
    int limit = ApiHandlers.intParam(ctx, "limit", 10, 1, 100);
    SimilarPapers similar = similar(p, limit);
    List<ObjectNode> items = json.papers(similar.papers().stream().map(SimilarPaper::paper).toList());
    for (int i = 0; i < items.size(); i++) {
      items.get(i).put("similarity", Math.round(similar.papers().get(i).similarity() * 10_000) / 10_000.0)
          .put("basis", similar.basis().kind().label());
    }
    ApiHandlers.json(ctx, ApiHandlers.array(items));
  }

  /**
   * What the similar papers of the paper a URL names depend on beyond the data ({@link SearchService#similarVersion};
   * empty when the URL names no paper), so a cached page of it holds while this does.
   */
  String similarVersionOf(Context ctx) {
    return PageHandlers.idNamed(ctx.pathParam("id")).map(search::similarVersion).orElse("");
  }

  /** Papers like this one, by meaning or by words (the answer says which). */
  SimilarPapers similar(Paper p, int limit) {
    return search.similar(p.id(), limit);
  }

  /** The newest papers matching the form, for a feed reader. */
  List<Paper> newest(Form form, int limit) {
    return search.search(form.request(limit).withOrder(SearchRequest.Order.NEWEST)).hits().stream()
        .map(SearchResults.Hit::paper).toList();
  }
}
