package org.paperboy.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.paperboy.TestData;

/**
 * A small world cut from the real recommend set: one user's liked papers (with authors), their own
 * later papers, and every {@code nth} other paper of the set's last announcement days.
 */
public record RecommendSample(Path file, List<String> liked, Set<String> relevant, int papers) {
  static final String FIRST_WINDOW_DAY = "2026-05-20";

  /**
   * These candidates as the arXiv corpus lists them, with the authors the set blanks, in a file to
   * import over the sample (what a store would hold once arXiv's metadata arrived).
   */
  public Path withAuthors(List<String> ids, Path dir) {
    Path out = dir.resolve("with-authors-" + String.join("-", ids) + ".jsonl");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(TestData.path("arxiv/cs-2025-2026.jsonl.gz"))), StandardCharsets.UTF_8))) {
      List<String> found = in.lines().filter(l -> ids.stream().anyMatch(id -> l.startsWith("{\"id\": \"" + id + "\"")))
          .toList();
      if (found.size() != ids.size()) throw new IllegalArgumentException("not all of " + ids + " are in the arXiv corpus");
      Files.write(out, found);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RecommendSample of(String user, int nth, Path dir) {
    ObjectMapper json = new ObjectMapper();
    try {
      List<String> liked = new ArrayList<>();
      Set<String> relevant = new HashSet<>();
      for (String line : Files.readAllLines(TestData.path("recommend/users.jsonl"))) {
        JsonNode u = json.readTree(line);
        if (!u.path("user").asText().equals(user)) continue;
        u.path("liked").forEach(x -> liked.add(x.asText()));
        u.path("relevant").forEach(x -> relevant.add(x.asText()));
      }
      if (liked.isEmpty()) throw new IllegalArgumentException("no user " + user);
      Path out = dir.resolve("sample-" + user + ".jsonl");
      int written = 0, seen = 0;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(
              new GZIPInputStream(Files.newInputStream(TestData.path("recommend/corpus.jsonl.gz"))), StandardCharsets.UTF_8));
          var w = Files.newBufferedWriter(out)) {
        String line;
        while ((line = in.readLine()) != null) {
          JsonNode p = json.readTree(line);
          String id = p.path("id").asText();
          boolean inWindow = p.path("update_date").asText().compareTo(FIRST_WINDOW_DAY) >= 0;
          boolean keep = liked.contains(id) || relevant.contains(id) || (inWindow && seen++ % nth == 0);
          if (!keep) continue;
          w.write(line);
          w.newLine();
          written++;
        }
      }
      return new RecommendSample(out, liked, relevant, written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
