package org.paperboy.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.paperboy.TestData;

/**
 * Real data for digest tests, cut small so tests stay fast: the daily-papers feed rows of a few weeks
 * (real upvotes and comment counts) and the arXiv snapshot records of those papers (real categories).
 * Cutting reads the whole 47 MB archive, so it happens once per test run; the files are only read.
 */
final class DigestWorld {
  static final LocalDate FIRST = LocalDate.parse("2025-03-24");
  static final LocalDate LAST = LocalDate.parse("2025-04-11");

  private static Path[] cut;

  private DigestWorld() {}

  /** {@code papers.jsonl} and {@code feed.jsonl}, in import order: cut on first use, removed when the test JVM exits. */
  static synchronized Path[] files() throws IOException {
    if (cut == null) {
      Path dir = Files.createTempDirectory("paperboy-digest-world-");
      cut = cutInto(dir);
      // deleted in the reverse order of registration: the files, then their directory
      for (Path p : List.of(dir, cut[0], cut[1])) p.toFile().deleteOnExit();
    }
    return cut.clone();
  }

  /** Writes {@code feed.jsonl} and {@code papers.jsonl} under {@code dir}; returns them in import order. */
  private static Path[] cutInto(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    Path feed = dir.resolve("feed.jsonl");
    try (BufferedReader in = gz(TestData.path("hf-daily-papers/daily-papers-2024-2026.jsonl.gz"));
        BufferedWriter out = Files.newBufferedWriter(feed)) {
      for (String line; (line = in.readLine()) != null; ) {
        var row = json.readTree(line);
        LocalDate day = LocalDate.parse(row.get("listing_date").asText());
        if (day.isBefore(FIRST) || day.isAfter(LAST)) continue;
        ids.add(row.get("arxiv_id").asText());
        out.write(line);
        out.newLine();
      }
    }
    Path papers = dir.resolve("papers.jsonl");
    try (BufferedReader in = gz(TestData.path("arxiv/cs-2025-2026.jsonl.gz"));
        BufferedWriter out = Files.newBufferedWriter(papers)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (ids.contains(json.readTree(line).get("id").asText())) {
          out.write(line);
          out.newLine();
        }
      }
    }
    return new Path[] {papers, feed};
  }

  private static BufferedReader gz(Path p) throws IOException {
    return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8));
  }
}
