package org.paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.AuthorNames;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperText;
import org.paperboy.paper.Version;
import org.paperboy.support.Refusal;

/** Turns one line of the arXiv metadata snapshot (Kaggle layout) into a {@link Paper}. */
final class SnapshotRecord {
  private SnapshotRecord() {}

  /** A line that cannot become a paper: the reason names the field. */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  static Paper toPaper(JsonNode r) throws Rejected {
    if (!r.isObject()) throw new Rejected("not a JSON object");
    ArxivId id;
    try {
      id = ArxivId.parse(required(r, "id"));
    } catch (Refusal e) {
      throw new Rejected("field 'id': " + e.getMessage());
    }
    String title = PaperText.line(required(r, "title"));
    String abstractText = PaperText.paragraphs(text(r, "abstract"));
    String categoriesText = required(r, "categories");
    List<String> categories = List.of(PaperText.line(categoriesText).split(" "));
    String authorsLine = PaperText.line(text(r, "authors"));
    List<Author> authors = parsedAuthors(r.get("authors_parsed"));
    if (authors == null) authors = AuthorNames.parse(authorsLine);
    List<Version> versions = versions(r.get("versions"));
    LocalDate updated = date(r, "update_date");
    Instant firstSubmitted = versions.isEmpty() ? null : versions.getFirst().submittedAt();
    int latest = versions.isEmpty() ? 0 : versions.getLast().number();
    // Without a version history the snapshot's update_date is the day the paper was first announced
    // (the layout of the cs-2025-2026 extract); with one, the announcement day is not in the record.
    LocalDate announced = versions.isEmpty() ? updated : null;
    return new Paper(id, latest, title, abstractText == null ? "" : abstractText, authorsLine, authors, categories,
        PaperText.line(text(r, "comments")), PaperText.line(text(r, "journal-ref")), PaperText.line(text(r, "doi")),
        PaperText.line(text(r, "report-no")), PaperText.line(text(r, "license")), PaperText.line(text(r, "submitter")),
        versions, firstSubmitted, updated, announced);
  }

  private static String required(JsonNode r, String field) throws Rejected {
    String value = text(r, field);
    if (value == null || value.isBlank()) throw new Rejected("field '" + field + "' is missing or empty");
    return value;
  }

  private static String text(JsonNode r, String field) throws Rejected {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) throw new Rejected("field '" + field + "' is not a string");
    return n.textValue();
  }

  private static LocalDate date(JsonNode r, String field) throws Rejected {
    String value = text(r, field);
    if (value == null) return null;
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new Rejected("field '" + field + "' is not a date (YYYY-MM-DD): '" + value + "'");
    }
  }

  private static List<Author> parsedAuthors(JsonNode n) throws Rejected {
    if (n == null || n.isNull()) return null;
    if (!n.isArray()) throw new Rejected("field 'authors_parsed' is not an array");
    List<Author> authors = new ArrayList<>(n.size());
    for (JsonNode a : n) {
      if (!a.isArray() || a.isEmpty()) throw new Rejected("field 'authors_parsed' holds a name that is not [last, first, suffix]");
      authors.add(new Author(PaperText.line(a.path(0).asText("")), PaperText.line(a.path(1).asText("")),
          PaperText.line(a.path(2).asText(""))));
    }
    return authors;
  }

  private static List<Version> versions(JsonNode n) throws Rejected {
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw new Rejected("field 'versions' is not an array");
    List<Version> versions = new ArrayList<>(n.size());
    for (JsonNode v : n) {
      String label = v.path("version").asText("");
      if (!isVersionLabel(label)) throw new Rejected("field 'versions' holds version '" + label + "' (expected v1, v2, …)");
      String created = v.path("created").asText(null);
      versions.add(new Version(Integer.parseInt(label.substring(1)), created == null ? null : rfc1123(created),
          v.hasNonNull("size") ? v.get("size").asText() : null));
    }
    return versions;
  }

  private static boolean isVersionLabel(String label) {
    if (label.length() < 2 || label.length() > 5 || label.charAt(0) != 'v') return false;
    for (int i = 1; i < label.length(); i++) {
      if (label.charAt(i) < '0' || label.charAt(i) > '9') return false;
    }
    return true;
  }

  static Instant rfc1123(String text) throws Rejected {
    try {
      return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new Rejected("version date '" + text + "' is not an RFC 1123 date");
    }
  }
}
