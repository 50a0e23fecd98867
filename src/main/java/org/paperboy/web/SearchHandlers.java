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

  SearchHandlers(SearchService search, PaperStore papers, Templates templates) {
    this.search = search;
    this.papers = papers;
    this.templates = templates;
  }

  /** The form's fields, echoed back into the form. */
  record Form(String q, String mode, String category, String from, String to, int page) {
    static Form of(Context ctx) {
      return new Form(PageHandlers.blankToNull(ctx.queryParam("q")), orDefault(ctx.queryParam("mode"), "hybrid"),
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

    String pageLink(int p) {
      StringBuilder b = new StringBuilder("/search?q=").append(enc(q)).append("&mode=").append(enc(mode));
      if (category != null) b.append("&category=").append(enc(category));
      if (from != null) b.append("&from=").append(enc(from));
      if (to != null) b.append("&to=").append(enc(to));
      return b.append("&p=").append(p).toString();
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

  void api(Context ctx) {
    int limit = ApiHandlers.intParam(ctx, "limit", 20, 1, SearchRequest.MAX_LIMIT);
    Form form = Form.of(ctx);
    if (form.q() == null) throw Refusal.badInput("q is required: type a few words");
    SearchResults results = search.search(form.request(limit));
    ObjectNode root = ApiHandlers.JSON.createObjectNode();
    root.put("total", results.total());
    root.put("mode", results.mode().label());
    root.put("basis", results.basis().kind().label());
    root.put("vectorShare", results.basis().vectorShare());
    root.put("basisNote", results.basis().note());
    ArrayNode items = root.putArray("papers");
    for (SearchResults.Hit h : results.hits()) {
      ObjectNode item = ApiHandlers.paperNode(h.paper(), 0);
      item.remove("upvotes");
      item.put("score", h.score());
      item.put("titleHtml", h.titleHtml());
      item.put("snippetHtml", h.snippetHtml());
      items.add(item);
    }
    ApiHandlers.json(ctx, root);
  }

  void similarApi(Context ctx) {
    Paper p = PageHandlers.paperNamed(papers, ctx.pathParam("id"));
    int limit = ApiHandlers.intParam(ctx, "limit", 10, 1, 100);
    ArrayNode items = ApiHandlers.JSON.createArrayNode();
    SimilarPapers similar = similar(p, limit);
    for (SimilarPaper s : similar.papers()) {
      ObjectNode item = ApiHandlers.paperNode(s.paper(), 0);
      item.remove("upvotes");
      item.put("similarity", Math.round(s.similarity() * 10_000) / 10_000.0);
      item.put("basis", similar.basis().kind().label());
      items.add(item);
    }
    ApiHandlers.json(ctx, items);
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
