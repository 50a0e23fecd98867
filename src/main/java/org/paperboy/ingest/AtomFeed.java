package org.paperboy.ingest;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.AuthorNames;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperText;
import org.paperboy.paper.Version;

/**
 * An arXiv API response (Atom), read in one streaming pass. Each entry is either a paper or one of
 * the API's error entries, whose id points at {@code …/api/errors#…} and whose summary says what
 * was wrong.
 */
record AtomFeed(List<Entry> entries, List<String> errors) {

  /** A paper and the version of it the entry describes. */
  record Entry(ArxivId.Versioned id, Paper paper) {}

  static AtomFeed read(InputStream body) throws PoliteHttp.MalformedResponse {
    return SafeXml.readDocument(body, "feed", "Atom", AtomFeed::read);
  }

  private static AtomFeed read(XMLStreamReader r) throws XMLStreamException, PoliteHttp.MalformedResponse {
    List<Entry> entries = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      if (r.getLocalName().equals("entry")) entry(r, entries, errors);
      else SafeXml.skip(r);
    }
    while (r.hasNext()) r.next(); // a cut-off body fails here instead of passing as complete
    return new AtomFeed(entries, errors);
  }

  private static void entry(XMLStreamReader r, List<Entry> entries, List<String> errors)
      throws XMLStreamException, PoliteHttp.MalformedResponse {
    String id = null, title = null, summary = null, published = null, updated = null, primary = null;
    String comment = null, journalRef = null, doi = null;
    Set<String> categories = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      switch (r.getLocalName()) {
        case "id" -> id = PaperText.line(SafeXml.text(r));
        case "title" -> title = SafeXml.text(r);
        case "summary" -> summary = SafeXml.text(r);
        case "published" -> published = SafeXml.text(r);
        case "updated" -> updated = SafeXml.text(r);
        case "comment" -> comment = SafeXml.text(r);
        case "journal_ref" -> journalRef = SafeXml.text(r);
        case "doi" -> doi = SafeXml.text(r);
        case "primary_category" -> {
          primary = r.getAttributeValue(null, "term");
          SafeXml.skip(r);
        }
        case "category" -> {
          categories.add(r.getAttributeValue(null, "term"));
          SafeXml.skip(r);
        }
        case "author" -> {
          while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals("name")) names.add(PaperText.line(SafeXml.text(r)));
            else SafeXml.skip(r); // arxiv:affiliation
          }
        }
        default -> SafeXml.skip(r);
      }
    }
    if (id != null && id.contains("/api/errors")) {
      errors.add(summary != null ? PaperText.line(summary) : id);
      return;
    }
    ArxivId.Versioned versioned;
    try {
      versioned = ArxivId.parseVersioned(id);
    } catch (IllegalArgumentException e) {
      throw new PoliteHttp.MalformedResponse("an entry's <id> is not an arXiv paper: " + id, e);
    }
    List<String> ordered = new ArrayList<>();
    if (primary != null) ordered.add(primary);
    for (String c : categories) if (c != null && !ordered.contains(c)) ordered.add(c);
    if (ordered.isEmpty() || title == null) throw new PoliteHttp.MalformedResponse("entry " + id + " has no title or category", null);
    Instant first = instant(published), last = instant(updated);
    // The API shows one version: its <updated> is that version's date and <published> is v1's.
    List<Version> versions = new ArrayList<>();
    if (first != null) versions.add(new Version(1, first, null));
    if (versioned.version() > 1 && last != null) versions.add(new Version(versioned.version(), last, null));
    List<Author> authors = new ArrayList<>(names.size());
    for (String name : names) authors.add(author(name));
    String abstractText = PaperText.paragraphs(summary);
    Paper paper = new Paper(versioned.id(), versioned.version(), PaperText.line(title), abstractText == null ? "" : abstractText,
        String.join(", ", names), authors, ordered, PaperText.line(comment), PaperText.line(journalRef), PaperText.line(doi),
        null, null, null, versions, first, last == null ? null : LocalDate.ofInstant(last, ZoneOffset.UTC), null);
    entries.add(new Entry(versioned, paper));
  }

  /** The API gives whole names ("Peter H. N. de With"); the last word is taken as the last name. */
  private static Author author(String name) {
    List<Author> parsed = AuthorNames.parse(name);
    return parsed.size() == 1 ? parsed.getFirst() : new Author(name, "", "");
  }

  private static Instant instant(String text) throws PoliteHttp.MalformedResponse {
    if (text == null || text.isBlank()) return null;
    try {
      return java.time.OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new PoliteHttp.MalformedResponse("date '" + text + "' is not ISO-8601", e);
    }
  }
}
