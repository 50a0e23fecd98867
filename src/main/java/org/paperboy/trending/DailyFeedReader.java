package org.paperboy.trending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.paperboy.paper.ArxivId;
import org.paperboy.support.Refusal;

/**
 * Reads a daily-papers feed in either of its shapes, recognised by content rather than file name:
 * normalised JSON lines (one row per listing, {@code listing_date}, {@code arxiv_id}, …) or a raw
 * day response of the feed's JSON API (an array of items with a nested {@code paper}), whose older
 * shape lacks {@code submittedOnDailyAt} and {@code submittedBy}.
 */
public final class DailyFeedReader {
  public enum Format { NORMALISED_LINES, RAW_DAY }

  /** A row that was skipped: where and why. */
  public record Rejection(Path file, long line, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + reason;
    }
  }

  public interface RowSink {
    void accept(DailyFeedRow row);
  }

  private final ObjectMapper json = new ObjectMapper();

  /** The feed format of this file, or empty when it is something else (an arXiv snapshot, say). */
  public Optional<Format> detect(Path file) {
    try (BufferedReader reader = open(file)) {
      int c;
      do {
        c = reader.read();
      } while (c >= 0 && Character.isWhitespace(c));
      if (c == '[') return Optional.of(Format.RAW_DAY);
      if (c != '{') return Optional.empty();
      String first = "{" + reader.readLine();
      JsonNode node = json.readTree(first);
      return node.has("listing_date") && node.has("arxiv_id") ? Optional.of(Format.NORMALISED_LINES) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Streams every row of the file to {@code sink}; malformed rows go to {@code onRejected} and are skipped. */
  public void read(Path file, RowSink sink, java.util.function.Consumer<Rejection> onRejected) {
    Format format = detect(file).orElseThrow(() ->
        Refusal.badInput(file + " is not a daily-papers feed (neither normalised JSON lines nor a raw day response)"));
    try {
      if (format == Format.NORMALISED_LINES) readLines(file, sink, onRejected);
      else readRawDay(file, sink, onRejected);
    } catch (IOException e) {
      throw Refusal.badInput("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  private void readLines(Path file, RowSink sink, java.util.function.Consumer<Rejection> onRejected) throws IOException {
    try (BufferedReader reader = open(file)) {
      long number = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) continue;
        try {
          sink.accept(normalisedRow(json.readTree(line)));
        } catch (JsonProcessingException e) {
          onRejected.accept(new Rejection(file, number, "not valid JSON: " + e.getOriginalMessage()));
        } catch (BadRow e) {
          onRejected.accept(new Rejection(file, number, e.getMessage()));
        }
      }
    }
  }

  private DailyFeedRow normalisedRow(JsonNode r) throws BadRow {
    LocalDate day = date(r, "listing_date");
    Instant listedAt = firstInstant(r, "submitted_on_daily_at", "hf_published_at");
    List<String> authors = new ArrayList<>();
    JsonNode a = r.get("authors");
    if (a != null && a.isArray()) a.forEach(n -> { if (n.isTextual() && !n.asText().isBlank()) authors.add(n.asText()); });
    return new DailyFeedRow(day, id(text(r, "arxiv_id")), required(r, "title"), orEmpty(text(r, "abstract")), authors,
        count(r, "upvotes"), count(r, "num_comments"), firstInstant(r, "arxiv_published_at"),
        listedAt != null ? listedAt : day.atStartOfDay().toInstant(ZoneOffset.UTC), null);
  }

  /**
   * A raw day response names no day of its own: the day is the one most of its items joined the list
   * on ({@code paper.submittedOnDailyAt}, or in the older shape the item's {@code publishedAt}).
   */
  private void readRawDay(Path file, RowSink sink, java.util.function.Consumer<Rejection> onRejected) throws IOException {
    JsonNode items;
    try (BufferedReader reader = open(file)) {
      items = json.readTree(reader);
    } catch (JsonProcessingException e) {
      throw Refusal.badInput(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<Instant> listed = new ArrayList<>();
    for (JsonNode item : items) listed.add(listedAt(item));
    Map<LocalDate, Long> days = listed.stream().filter(java.util.Objects::nonNull)
        .collect(Collectors.groupingBy(i -> LocalDate.ofInstant(i, ZoneOffset.UTC), Collectors.counting()));
    LocalDate day = days.entrySet().stream().max(Map.Entry.<LocalDate, Long>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElseThrow(() -> Refusal.badInput(file + ": no item says when it was listed"));
    for (int i = 0; i < items.size(); i++) {
      try {
        sink.accept(rawRow(items.get(i), day, listed.get(i)));
      } catch (BadRow e) {
        onRejected.accept(new Rejection(file, i + 1, "item " + (i + 1) + ": " + e.getMessage()));
      }
    }
  }

  private static Instant listedAt(JsonNode item) {
    JsonNode paper = item.path("paper");
    for (String candidate : new String[] {text(paper, "submittedOnDailyAt"), text(item, "publishedAt")}) {
      if (candidate == null) continue;
      try {
        return Instant.parse(candidate);
      } catch (DateTimeParseException ignored) {
        // try the next field
      }
    }
    return null;
  }

  private DailyFeedRow rawRow(JsonNode item, LocalDate day, Instant listedAt) throws BadRow {
    JsonNode paper = item.get("paper");
    if (paper == null || !paper.isObject()) throw new BadRow("no 'paper' object");
    List<String> authors = new ArrayList<>();
    for (JsonNode a : paper.path("authors")) {
      String name = text(a, "name");
      if (name != null && !name.isBlank()) authors.add(name);
    }
    String title = text(paper, "title") != null ? text(paper, "title") : text(item, "title");
    if (title == null || title.isBlank()) throw new BadRow("field 'title' is missing or empty");
    String summary = text(paper, "summary") != null ? text(paper, "summary") : text(item, "summary");
    JsonNode by = item.get("submittedBy") != null ? item.get("submittedBy") : paper.get("submittedOnDailyBy");
    return new DailyFeedRow(day, id(text(paper, "id")), title, orEmpty(summary), authors, count(paper, "upvotes"),
        count(item, "numComments"), firstInstant(paper, "publishedAt"),
        listedAt != null ? listedAt : day.atStartOfDay().toInstant(ZoneOffset.UTC), by == null ? null : text(by, "name"),
        text(paper, "githubRepo"), text(paper, "projectPage"));
  }

  // ------------------------------------------------------------------ field helpers

  /** A row that cannot become an entry; the message names the field. */
  private static final class BadRow extends Exception {
    BadRow(String message) {
      super(message, null, false, false);
    }
  }

  private static BufferedReader open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read(), b2 = in.read();
    in.reset();
    // gzip is recognised by its magic bytes, like the snapshot importer does
    InputStream body = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
    return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String required(JsonNode r, String field) throws BadRow {
    String v = text(r, field);
    if (v == null || v.isBlank()) throw new BadRow("field '" + field + "' is missing or empty");
    return v;
  }

  private static ArxivId id(String text) throws BadRow {
    try {
      return ArxivId.parse(text);
    } catch (Refusal e) {
      throw new BadRow("field 'arxiv_id': " + e.getMessage());
    }
  }

  private static int count(JsonNode r, String field) throws BadRow {
    JsonNode v = r.get(field);
    if (v == null || v.isNull()) return 0;
    if (!v.canConvertToInt() || v.asInt() < 0) throw new BadRow("field '" + field + "' is not a count: " + v);
    return v.asInt();
  }

  private static LocalDate date(JsonNode r, String field) throws BadRow {
    try {
      return LocalDate.parse(required(r, field));
    } catch (DateTimeParseException e) {
      throw new BadRow("field '" + field + "' is not a date: " + text(r, field));
    }
  }

  private static Instant firstInstant(JsonNode r, String... fields) {
    for (String f : fields) {
      String v = text(r, f);
      if (v == null) continue;
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException ignored) {
        // a malformed optional instant is treated as absent
      }
    }
    return null;
  }
}
