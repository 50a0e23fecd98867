package org.paperboy.personal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.BibTex;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.Refusal;

/**
 * Collections in and out: export as BibTeX or CSV; import a list of arXiv ids (one or more a line,
 * links and {@code arXiv:} prefixes welcome) or a BibTeX file, whose entries are found by their
 * {@code eprint} field or an arXiv URL. What cannot be imported is reported by line, never dropped
 * silently.
 */
public final class CollectionTransfer {
  public static final int MAX_IMPORT_CHARS = 2_000_000;
  public static final int MAX_IMPORT_PAPERS = 2_000;
  private static final Pattern ENTRY = Pattern.compile("@\\s*([A-Za-z]+)\\s*[{(]");
  private static final Pattern EPRINT = Pattern.compile("(?i)\\beprint\\s*=\\s*[{\"]\\s*(?:arxiv:)?([^}\"\\s]+)");
  private static final Pattern ARXIV_URL = Pattern.compile("(?i)arxiv\\.org/(?:abs|pdf)/([^\\s}\"]+)");
  private static final Pattern ARXIV_JOURNAL = Pattern.compile("(?i)\\barxiv[:\\s]+(\\d{4}\\.\\d{4,5}(?:v\\d+)?)");

  /** At most this many papers an import fetches from arXiv (two requests of the API, a few seconds apart). */
  public static final int MAX_FETCHED = 100;

  /** Gets papers this Paperboy does not have yet (from arXiv, politely), stores them, and returns those found by id. */
  @FunctionalInterface
  public interface Fetcher {
    Map<ArxivId, Paper> fetchAndStore(List<ArxivId> ids);
  }

  private final PaperCollections collections;
  private final PaperStore papers;
  private final Fetcher fetcher;

  /** Imports only papers already in the store. */
  public CollectionTransfer(PaperCollections collections, PaperStore papers) {
    this(collections, papers, null);
  }

  /** @param fetcher gets the papers an import names that the store lacks; null to report them instead */
  public CollectionTransfer(PaperCollections collections, PaperStore papers, Fetcher fetcher) {
    this.collections = collections;
    this.papers = papers;
    this.fetcher = fetcher;
  }

  /** What an import did: papers added, papers that were there already, and each line it could not use. */
  public record ImportReport(int added, int alreadyThere, List<String> skipped) {}

  /** Imports ids or BibTeX (told apart by content) into the member's collection. */
  public ImportReport importInto(long accountId, long collectionId, String text) {
    collections.owned(accountId, collectionId);
    if (text == null || text.isBlank()) throw Refusal.badInput("file: nothing to import (paste arXiv ids or a BibTeX file)");
    if (text.length() > MAX_IMPORT_CHARS) throw Refusal.badInput("file: at most 2 MB at a time");
    List<String> skipped = new ArrayList<>();
    Matcher firstEntry = ENTRY.matcher(text);
    Map<ArxivId, Integer> found;
    if (firstEntry.find()) {
      // ids pasted above a BibTeX file count too: nothing is dropped without a word
      found = fromIds(text.substring(0, firstEntry.start()), skipped);
      fromBibTex(text, skipped).forEach(found::putIfAbsent);
    } else {
      found = fromIds(text, skipped);
    }
    if (found.size() > MAX_IMPORT_PAPERS) throw Refusal.badInput("file: at most " + MAX_IMPORT_PAPERS + " papers at a time");
    Map<String, Paper> known = new java.util.HashMap<>();
    for (Paper p : papers.findAll(found.keySet())) known.put(p.id().value(), p);
    Map<ArxivId, String> whyNot = fetchMissing(found.keySet(), known);
    int added = 0, there = 0;
    for (Map.Entry<ArxivId, Integer> e : found.entrySet()) {
      if (!known.containsKey(e.getKey().value())) {
        skipped.add("line " + e.getValue() + ": " + e.getKey() + " " + whyNot.get(e.getKey()));
      } else if (collections.save(accountId, collectionId, e.getKey())) {
        added++;
      } else {
        there++;
      }
    }
    skipped.sort(java.util.Comparator.comparingInt(CollectionTransfer::lineOf));
    return new ImportReport(added, there, skipped);
  }

  /**
   * Fetches what the store lacks (the first {@link #MAX_FETCHED}) into {@code known}; returns, for each
   * paper still missing, why ("is not on arXiv", or "is not in this Paperboy yet" and the reason).
   */
  private Map<ArxivId, String> fetchMissing(java.util.Collection<ArxivId> ids, Map<String, Paper> known) {
    List<ArxivId> missing = ids.stream().filter(id -> !known.containsKey(id.value())).toList();
    Map<ArxivId, String> whyNot = new java.util.HashMap<>();
    String notYet = "is not in this Paperboy yet";
    missing.forEach(id -> whyNot.put(id, notYet));
    if (fetcher == null || missing.isEmpty()) return whyNot;
    List<ArxivId> asked = missing.subList(0, Math.min(MAX_FETCHED, missing.size()));
    missing.subList(asked.size(), missing.size()).forEach(id -> whyNot.put(id,
        notYet + " (at most " + MAX_FETCHED + " papers are fetched from arXiv per import: import again for the rest)"));
    try {
      Map<ArxivId, Paper> fetched = fetcher.fetchAndStore(asked);
      for (ArxivId id : asked) {
        Paper p = fetched.get(id);
        if (p != null) known.put(id.value(), p);
        else whyNot.put(id, "is not on arXiv");
      }
    } catch (Refusal r) {
      asked.forEach(id -> whyNot.put(id, notYet + " (arXiv did not answer: " + r.getMessage() + ")"));
    }
    return whyNot;
  }

  private static int lineOf(String message) {
    return Integer.parseInt(message.substring(5, message.indexOf(':')));
  }

  private static Map<ArxivId, Integer> fromIds(String text, List<String> skipped) {
    Map<ArxivId, Integer> ids = new LinkedHashMap<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String token : lines[i].split("[\\s,;]+")) {
        if (token.isBlank()) continue;
        try {
          ids.putIfAbsent(ArxivId.parse(token), i + 1);
        } catch (RuntimeException e) {
          skipped.add("line " + (i + 1) + ": '" + shorten(token) + "' is not an arXiv id");
        }
      }
    }
    return ids;
  }

  private static Map<ArxivId, Integer> fromBibTex(String text, List<String> skipped) {
    Map<ArxivId, Integer> ids = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(text);
    List<Integer> starts = new ArrayList<>();
    while (m.find()) starts.add(m.start());
    for (int k = 0; k < starts.size(); k++) {
      String entry = text.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : text.length());
      int line = 1 + (int) text.substring(0, starts.get(k)).chars().filter(c -> c == '\n').count();
      Matcher type = ENTRY.matcher(entry);
      type.find();
      String kind = type.group(1).toLowerCase(java.util.Locale.ROOT);
      if (kind.equals("comment") || kind.equals("string") || kind.equals("preamble")) continue;
      String candidate = first(entry, EPRINT, ARXIV_URL, ARXIV_JOURNAL);
      String key = entry.substring(type.end()).split(",", 2)[0].strip();
      if (candidate == null) {
        skipped.add("line " + line + ": entry '" + shorten(key) + "' has no eprint field or arXiv link");
        continue;
      }
      try {
        ids.putIfAbsent(ArxivId.parse(candidate), line);
      } catch (RuntimeException e) {
        skipped.add("line " + line + ": entry '" + shorten(key) + "': '" + shorten(candidate) + "' is not an arXiv id");
      }
    }
    return ids;
  }

  private static String first(String entry, Pattern... patterns) {
    for (Pattern p : patterns) {
      Matcher m = p.matcher(entry);
      if (m.find()) return m.group(1).replaceAll("\\.pdf$", "");
    }
    return null;
  }

  private static String shorten(String s) {
    String clean = s.replaceAll("[\\p{Cc}\\p{Cf}]", "");
    return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
  }

  /** The collection's papers as BibTeX entries, in the form arXiv's "Export citation" gives. */
  public String bibTex(PaperCollection collection) {
    return papersOf(collection).stream().map(BibTex::of).collect(Collectors.joining("\n\n", "", "\n"));
  }

  /** The collection as CSV (RFC 4180): id, title, authors, categories, published, url, added. */
  public String csv(PaperCollection collection) {
    Map<String, java.time.Instant> added = new java.util.HashMap<>();
    collections.papers(collection.id()).forEach(s -> added.put(s.paper().value(), s.addedAt()));
    StringBuilder b = new StringBuilder("arxiv_id,title,authors,categories,published,url,added_at\r\n");
    for (Paper p : papersOf(collection)) {
      b.append(String.join(",", cell(p.id().value()), cell(p.title()), cell(p.authorsLine()),
          cell(String.join(" ", p.categories())), cell(p.publishedOn() == null ? "" : p.publishedOn().toString()),
          cell(p.id().absUrl()), cell(String.valueOf(added.get(p.id().value()))))).append("\r\n");
    }
    return b.toString();
  }

  private List<Paper> papersOf(PaperCollection collection) {
    return papers.findAll(collections.papers(collection.id()).stream().map(SavedPaper::paper).toList());
  }

  /** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
  private static String cell(String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) v = "'" + v;
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("'")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
