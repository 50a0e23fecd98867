package org.paperboy.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.paperboy.TestData;

/**
 * The real OAI-PMH responses in {@code ../shared/data/oai-pmh/}, and multi-page chains made from
 * them. The data holds one arXivRaw ListRecords page with a resumption token; a chain's later
 * pages are real records of other real responses, moved into a ListRecords envelope and linked by
 * tokens the way arXiv links pages.
 */
public final class OaiFiles {
  /** The token on the real arXivRaw page 1. */
  public static final String RAW_TOKEN = "726959|1001";

  private OaiFiles() {}

  public static String read(String name) {
    try {
      return Files.readString(TestData.path("oai-pmh/" + name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real arXivRaw page: 6 records, responseDate 2015-01-06T20:49:59Z, token {@value #RAW_TOKEN}. */
  public static String rawPage1() {
    return read("arxivraw-listrecords-page1.xml");
  }

  /** The last page of the arXivRaw chain: the real GetRecord record of 1302.2146, no further token. */
  public static String rawPage2() {
    return asListRecordsPage(read("arxivraw-getrecord.xml"), "2015-01-06T20:50:03Z", RAW_TOKEN, null);
  }

  /**
   * Turns a real response into a ListRecords page: the request echo, the envelope and the
   * resumption token change; the records stay byte for byte.
   *
   * @param askedToken the token this page answers (null for a first page)
   * @param nextToken the token to the next page; null makes it the last page (an empty token)
   */
  public static String asListRecordsPage(String xml, String responseDate, String askedToken, String nextToken) {
    String request = askedToken == null ? "<request verb=\"ListRecords\">"
        : "<request verb=\"ListRecords\" resumptionToken=\"" + askedToken + "\">";
    String token = nextToken == null ? "<resumptionToken/>" : "<resumptionToken>" + nextToken + "</resumptionToken>";
    String page = xml
        .replaceFirst("<responseDate>[^<]*</responseDate>", "<responseDate>" + responseDate + "</responseDate>")
        .replaceFirst("<request [^>]*>", request)
        .replace("<GetRecord>", "<ListRecords>")
        .replace("</GetRecord>", "</ListRecords>");
    if (page.contains("<resumptionToken")) {
      page = page.replaceFirst("<resumptionToken[^>]*>[^<]*</resumptionToken>", token);
    } else {
      page = page.replace("</ListRecords>", token + "\n</ListRecords>");
    }
    return page;
  }
}
