package org.paperboy.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.TestData;
import org.paperboy.fake.FakeArxiv.Hit;
import org.paperboy.fake.FakeArxiv.Reply;

/**
 * The real arXiv API responses in {@code ../shared/data/arxiv-api/}: JSON {@code {url, status_code,
 * body}} with the Atom feed in {@code body}, and {@code legacy-atom-*.xml} as served.
 */
public final class ApiFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ENTRY = Pattern.compile("(?s)\\s*<entry>.*?</entry>");

  private ApiFiles() {}

  /** The recorded reply to {@code id_list=<ids>}, with its recorded status. */
  public static Reply recorded(String idList) {
    try {
      JsonNode n = JSON.readTree(file(idList).toFile());
      return Reply.status(n.get("status_code").asInt(), n.get("body").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean isRecorded(String idList) {
    return Files.exists(TestData.ROOT.resolve("arxiv-api").resolve(name(idList)));
  }

  public static Reply legacy(int n) {
    try {
      return Reply.xml(Files.readString(TestData.path("arxiv-api/legacy-atom-" + n + ".xml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The reply to several ids: a recorded list if there is one, else the first id's recorded feed
   * holding the recorded entries of every id, in the order asked (what the API does for a list).
   */
  public static Reply forIdList(String idList) {
    if (isRecorded(idList)) return recorded(idList);
    List<String> entries = new ArrayList<>();
    String feed = null;
    for (String id : idList.split(",")) {
      String body = new String(recorded(id).body(), java.nio.charset.StandardCharsets.UTF_8);
      if (feed == null) feed = ENTRY.matcher(body).replaceAll("");
      Matcher m = ENTRY.matcher(body);
      while (m.find()) entries.add(m.group());
    }
    return Reply.xml(feed.replace("</feed>", String.join("", entries) + "\n</feed>"));
  }

  /**
   * What the arXiv API answers to {@code id_list=…}, from the recordings: the recorded reply when
   * every id has one, else the recorded answer for an id arXiv does not know.
   */
  public static Reply replay(Hit hit) {
    String ids = hit.param("id_list");
    if (ids == null || ids.isBlank()) return Reply.status(400, "no id_list");
    boolean known = isRecorded(ids) || java.util.Arrays.stream(ids.split(",")).allMatch(ApiFiles::isRecorded);
    return known ? forIdList(ids) : recorded("0000.0000");
  }

  private static Path file(String idList) {
    return TestData.path("arxiv-api/" + name(idList));
  }

  /**
   * The recording's file name. An id asked without a version that was only recorded as its first
   * version ({@code 2104.12255v1}) gets that recording: arXiv answers an unversioned id with the
   * paper's latest version, and the first is the only one a replay knows. Without this a submission of
   * 2104.12255 that reached the replay was told arXiv has no such paper (SubmissionFetchTest failed
   * whenever another of its submissions was the one kept waiting).
   */
  private static String name(String idList) {
    String plain = "id_" + idList.replace('/', '_').replace(',', '_') + "_s0_m100.json";
    boolean oneUnversionedId = !idList.contains(",") && !idList.matches(".*v\\d+$");
    if (oneUnversionedId && !Files.exists(TestData.ROOT.resolve("arxiv-api").resolve(plain))) {
      String first = "id_" + idList.replace('/', '_') + "v1_s0_m100.json";
      if (Files.exists(TestData.ROOT.resolve("arxiv-api").resolve(first))) return first;
    }
    return plain;
  }
}
