package org.paperboy.ingest;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperText;

/**
 * One OAI-PMH response, read in a single streaming pass: its date, its error if it is one, the
 * papers of its records, and the resumption token that leads to the next page (null on the last).
 * A body that ends before {@code </OAI-PMH>} is {@link PoliteHttp.MalformedResponse}: the page is
 * asked for again, and nothing of it is used.
 *
 * @param rejected records whose metadata could not become a paper, with the reason
 */
record OaiPmhResponse(Instant responseDate, OaiError error, List<Paper> papers, int deleted, List<String> rejected,
    String resumptionToken) {

  /** An OAI-PMH error: {@code code} is the protocol's (badArgument, noRecordsMatch, …). */
  record OaiError(String code, String message) {}

  int records() {
    return papers.size() + deleted + rejected.size();
  }

  static OaiPmhResponse read(InputStream body) throws PoliteHttp.MalformedResponse {
    return SafeXml.readDocument(body, "OAI-PMH", "OAI-PMH", OaiPmhResponse::read);
  }

  private static OaiPmhResponse read(XMLStreamReader r) throws XMLStreamException, PoliteHttp.MalformedResponse {
    Instant responseDate = null;
    OaiError error = null;
    List<Paper> papers = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    int deleted = 0;
    String token = null;
    // Walk the tree: records and the token sit inside <ListRecords>/<GetRecord>, the rest at the top.
    int depth = 1;
    while (depth > 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) continue;
      switch (r.getLocalName()) {
        case "responseDate" -> responseDate = instant(SafeXml.text(r));
        case "error" -> error = new OaiError(r.getAttributeValue(null, "code"), PaperText.line(SafeXml.text(r)));
        case "resumptionToken" -> token = PaperText.line(SafeXml.text(r));
        case "ListRecords", "GetRecord" -> depth++;
        case "record" -> {
          if (record(r, papers, rejected)) deleted++;
        }
        default -> SafeXml.skip(r);
      }
    }
    // Reading past the root's end tag makes a cut-off body fail here rather than pass as complete.
    while (r.hasNext()) r.next();
    if (responseDate == null) throw new PoliteHttp.MalformedResponse("the response has no <responseDate>", null);
    return new OaiPmhResponse(responseDate, error, papers, deleted, rejected, token);
  }

  /** Reads one record into {@code papers} or {@code rejected}; true when it is a deletion notice. */
  private static boolean record(XMLStreamReader r, List<Paper> papers, List<String> rejected)
      throws XMLStreamException, PoliteHttp.MalformedResponse {
    String identifier = null;
    LocalDate datestamp = null;
    boolean deleted = false;
    Paper paper = null;
    String rejection = null;
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      switch (r.getLocalName()) {
        case "header" -> {
          deleted = "deleted".equals(r.getAttributeValue(null, "status"));
          while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
              case "identifier" -> identifier = PaperText.line(SafeXml.text(r));
              case "datestamp" -> datestamp = date(SafeXml.text(r));
              default -> SafeXml.skip(r);
            }
          }
        }
        case "metadata" -> {
          if (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            try {
              paper = OaiMetadata.read(r, datestamp);
            } catch (OaiMetadata.Rejected e) {
              rejection = identifier + ": " + e.getMessage();
            }
            r.nextTag(); // </metadata>
          }
        }
        default -> SafeXml.skip(r);
      }
    }
    if (deleted) return true;
    if (paper != null) papers.add(paper);
    else rejected.add(rejection != null ? rejection : identifier + ": the record has no metadata");
    return false;
  }

  private static Instant instant(String text) throws PoliteHttp.MalformedResponse {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new PoliteHttp.MalformedResponse("<responseDate> '" + text + "' is not a UTC date-time", e);
    }
  }

  /** Datestamps are days on arXiv; a repository with finer granularity gives a date-time. */
  private static LocalDate date(String text) throws PoliteHttp.MalformedResponse {
    String s = text.strip();
    try {
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    } catch (DateTimeParseException e) {
      throw new PoliteHttp.MalformedResponse("<datestamp> '" + text + "' is not a date", e);
    }
  }
}
