package org.paperboy.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.AuthorNames;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperText;
import org.paperboy.paper.Version;
import org.paperboy.support.Refusal;

/**
 * Reads the two arXiv OAI-PMH metadata formats into a {@link Paper}. {@code arXivRaw} carries the
 * version history (dates and sizes) and the authors as one line; {@code arXiv} carries parsed
 * author names but only the created/updated dates. The reader streams: each method consumes the
 * format's element and leaves the reader on its end tag.
 */
final class OaiMetadata {
  private OaiMetadata() {}

  /** The formats Paperboy harvests, by their OAI {@code metadataPrefix}. */
  enum Format {
    ARXIV_RAW("arXivRaw"),
    ARXIV("arXiv");

    final String prefix;

    Format(String prefix) {
      this.prefix = prefix;
    }

    static Format of(String prefix) {
      for (Format f : values()) if (f.prefix.equalsIgnoreCase(prefix)) return f;
      throw Refusal.badInput("unknown metadata format '" + prefix + "' (use arXivRaw or arXiv)");
    }
  }

  /** A record whose metadata cannot become a paper; the reason names the field. */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Reads the metadata element the reader is on.
   *
   * @param datestamp the OAI header's datestamp: the day arXiv last changed the record
   */
  static Paper read(XMLStreamReader r, LocalDate datestamp) throws XMLStreamException, Rejected {
    return switch (r.getLocalName()) {
      case "arXivRaw" -> arxivRaw(r, datestamp);
      case "arXiv" -> arxiv(r, datestamp);
      default -> {
        String name = r.getLocalName();
        SafeXml.skip(r);
        throw new Rejected("metadata format <" + name + "> is not arXivRaw or arXiv");
      }
    };
  }

  private static Paper arxivRaw(XMLStreamReader r, LocalDate datestamp) throws XMLStreamException, Rejected {
    Map<String, String> f = new HashMap<>();
    List<RawVersion> raw = new ArrayList<>();
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (r.getLocalName().equals("version")) raw.add(version(r));
      else f.put(r.getLocalName(), SafeXml.text(r));
    }
    // Validated only once the element is read to its end, so a bad record never derails the stream.
    ArxivId id = id(f);
    List<Version> versions = new ArrayList<>(raw.size());
    for (RawVersion v : raw) versions.add(v.toVersion(id));
    String authorsLine = PaperText.line(f.get("authors"));
    Instant firstSubmitted = versions.isEmpty() ? null : versions.stream().sorted().toList().getFirst().submittedAt();
    int latest = versions.stream().mapToInt(Version::number).max().orElse(0);
    return paper(id, latest, f, authorsLine, AuthorNames.parse(authorsLine), versions, firstSubmitted, datestamp);
  }

  private record RawVersion(String label, String date, String size) {
    Version toVersion(ArxivId id) throws Rejected {
      if (label == null || !label.matches("v\\d{1,4}")) {
        throw new Rejected("paper " + id + ": version '" + label + "' (expected v1, v2, …)");
      }
      return new Version(Integer.parseInt(label.substring(1)), date == null ? null : rfc1123(date), PaperText.line(size));
    }
  }

  private static RawVersion version(XMLStreamReader r) throws XMLStreamException {
    String label = r.getAttributeValue(null, "version");
    String date = null, size = null;
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      switch (r.getLocalName()) {
        case "date" -> date = SafeXml.text(r);
        case "size" -> size = SafeXml.text(r);
        default -> SafeXml.skip(r);
      }
    }
    return new RawVersion(label, date, size);
  }

  private static Paper arxiv(XMLStreamReader r, LocalDate datestamp) throws XMLStreamException, Rejected {
    Map<String, String> f = new HashMap<>();
    List<Author> authors = new ArrayList<>();
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (r.getLocalName().equals("authors")) authors(r, authors);
      else f.put(r.getLocalName(), SafeXml.text(r));
    }
    ArxivId id = id(f);
    String authorsLine = authors.stream().map(Author::displayName).collect(Collectors.joining(", "));
    LocalDate created = date(f, "created");
    LocalDate updated = date(f, "updated");
    // No version history in this format: created is v1's day, and the header datestamp (else the
    // last version's day) is the latest change.
    Instant firstSubmitted = created == null ? null : created.atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate lastChange = datestamp != null ? datestamp : updated != null ? updated : created;
    return paper(id, 0, f, authorsLine, authors, List.of(), firstSubmitted, lastChange);
  }

  private static void authors(XMLStreamReader r, List<Author> into) throws XMLStreamException {
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (!r.getLocalName().equals("author")) {
        SafeXml.skip(r);
        continue;
      }
      String keyname = null, forenames = null, suffix = null;
      while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
        switch (r.getLocalName()) {
          case "keyname" -> keyname = PaperText.line(SafeXml.text(r));
          case "forenames" -> forenames = PaperText.line(SafeXml.text(r));
          case "suffix" -> suffix = PaperText.line(SafeXml.text(r));
          default -> SafeXml.skip(r); // affiliation
        }
      }
      if (keyname != null) into.add(new Author(keyname, forenames, suffix));
    }
  }

  private static Paper paper(ArxivId id, int latestVersion, Map<String, String> f, String authorsLine,
      List<Author> authors, List<Version> versions, Instant firstSubmitted, LocalDate lastUpdated) throws Rejected {
    String title = PaperText.line(f.get("title"));
    if (title == null) throw new Rejected("paper " + id + ": <title> is missing or empty");
    String categories = PaperText.line(f.get("categories"));
    if (categories == null) throw new Rejected("paper " + id + ": <categories> is missing or empty");
    String abstractText = PaperText.paragraphs(f.get("abstract"));
    return new Paper(id, latestVersion, title, abstractText == null ? "" : abstractText, authorsLine, authors,
        List.of(categories.split(" ")), PaperText.line(f.get("comments")), PaperText.line(f.get("journal-ref")),
        PaperText.line(f.get("doi")), PaperText.line(f.get("report-no")), PaperText.line(f.get("license")),
        PaperText.line(f.get("submitter")), versions, firstSubmitted, lastUpdated, null);
  }

  private static ArxivId id(Map<String, String> f) throws Rejected {
    String id = PaperText.line(f.get("id"));
    if (id == null) throw new Rejected("<id> is missing or empty");
    try {
      return ArxivId.parse(id);
    } catch (IllegalArgumentException e) {
      throw new Rejected("<id>: " + e.getMessage());
    }
  }

  private static LocalDate date(Map<String, String> f, String field) throws Rejected {
    String text = PaperText.line(f.get(field));
    if (text == null) return null;
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new Rejected("<" + field + "> is not a date (YYYY-MM-DD): '" + text + "'");
    }
  }

  private static Instant rfc1123(String text) throws Rejected {
    try {
      return ZonedDateTime.parse(PaperText.line(text), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new Rejected("version date '" + text + "' is not an RFC 1123 date");
    }
  }
}
