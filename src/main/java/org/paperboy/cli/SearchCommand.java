package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Searches the papers: hybrid (words and meaning) by default.",
        "Syntax: \"a phrase\", -exclude, ti:title-word, au:author, abs:abstract-word, cat:cs.CL (or cat:cs)."})
final class SearchCommand implements Callable<Integer> {
  @Mixin GlobalOptions global;

  // Several words are one query (`search sparse autoencoders`), as a search box would take them; quotes
  // are only needed for the query syntax's own phrases.
  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for: one or more words.")
  List<String> words;

  @Option(names = "--mode", defaultValue = "hybrid", description = "bm25 (or keywords), semantic (or meaning) or hybrid (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--limit", defaultValue = "10", description = "Results per page (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", defaultValue = "0", description = "Results to skip (default: ${DEFAULT-VALUE}).")
  int offset;

  @Option(names = "--category", description = "Only this category (cs.CL) or archive (cs).")
  String category;

  @Option(names = "--primary", description = "The category must be the paper's primary one.")
  boolean primary;

  @Option(names = "--from", description = "First day, YYYY-MM-DD.")
  LocalDate from;

  @Option(names = "--to", description = "Last day, YYYY-MM-DD.")
  LocalDate to;

  @Option(names = "--date", defaultValue = "announced", description = "Which date --from/--to mean: announced or submitted.")
  String dateField;

  @Option(names = "--newest", description = "Sort by date, newest first, instead of relevance.")
  boolean newest;

  @Option(names = "--json", description = "Print JSON (titles and snippets as escaped HTML with <mark>).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String query = String.join(" ", words);
    SearchRequest.DateField field = switch (dateField.toLowerCase(java.util.Locale.ROOT)) {
      case "announced" -> SearchRequest.DateField.ANNOUNCED;
      case "submitted" -> SearchRequest.DateField.SUBMITTED;
      default -> throw Refusal.badInput("--date is announced or submitted, not " + dateField);
    };
    SearchRequest request = new SearchRequest(query, SearchMode.parse(mode), category, primary, from, to, field,
        newest ? SearchRequest.Order.NEWEST : SearchRequest.Order.RELEVANCE, offset, limit);
    try (Paperboy app = global.open()) {
      app.search().catchUp();
      SearchResults results = app.search().search(request);
      if (json) {
        System.out.println(toJson(query, results));
      } else {
        System.out.printf("%s (%s, %.1f ms)%s%n", results.totalSaid(), results.mode().label(), results.took().toNanos() / 1e6,
            results.basis().note().isEmpty() ? "" : "; " + results.basis().note());
        boolean bold = Html.boldOnTerminal();
        int rank = offset;
        for (SearchResults.Hit hit : results.hits()) {
          Paper p = hit.paper();
          System.out.printf("%n%2d. %s  [%s]  %s  score %.4f%n    %s%n    %s%n", ++rank, p.id(), p.primaryCategory(),
              p.publishedOn(), hit.score(), Html.toText(hit.titleHtml(), bold), Html.toText(hit.snippetHtml(), bold));
        }
      }
    }
    return 0;
  }

  static String toJson(String query, SearchResults results) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("query", query);
    root.put("mode", results.mode().label());
    root.put("basis", results.basis().kind().label());
    root.put("vectorShare", results.basis().vectorShare());
    root.put("total", results.total());
    root.put("tookMs", results.took().toNanos() / 1e6);
    ArrayNode hits = root.putArray("hits");
    for (SearchResults.Hit hit : results.hits()) {
      ObjectNode h = paperJson(hits.addObject(), hit.paper());
      h.put("score", hit.score());
      h.put("titleHtml", hit.titleHtml());
      h.put("snippetHtml", hit.snippetHtml());
    }
    return mapper.writeValueAsString(root);
  }

  static ObjectNode paperJson(ObjectNode h, Paper p) {
    h.put("id", p.id().value());
    h.put("title", p.title());
    ArrayNode authors = h.putArray("authors");
    for (Author a : p.authors()) authors.add(a.displayName());
    ArrayNode categories = h.putArray("categories");
    p.categories().forEach(categories::add);
    h.put("published", p.publishedOn() == null ? null : p.publishedOn().toString());
    h.put("url", p.id().absUrl());
    return h;
  }
}
