package org.paperboy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.ArxivId;

class SyntheticCorpusTest {
  /** 200 real records (the Kaggle snapshot's first), all from April 2007. */
  private static final Path REAL = Path.of("../shared/data/arxiv/kaggle-head-200.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The real records renumbered into January 2025, plus one older paper and one holding the first synthetic id. */
  private Path snapshot() throws Exception {
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(REAL)) {
      ObjectNode node = (ObjectNode) JSON.readTree(line);
      node.put("id", String.format(Locale.ROOT, "2501.%05d", ++n));
      lines.add(JSON.writeValueAsString(node));
    }
    ObjectNode older = (ObjectNode) JSON.readTree(lines.get(0));
    lines.add(JSON.writeValueAsString(older.put("id", "1812.00001")));
    ObjectNode taken = (ObjectNode) JSON.readTree(lines.get(1));
    lines.add(JSON.writeValueAsString(taken.put("id", "2412.00001")));
    return Files.write(dir.resolve("real.jsonl"), lines);
  }

  private static List<String> ids(Path corpus) throws Exception {
    List<String> ids = new ArrayList<>();
    try (var r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) ids.add(JSON.readTree(line).path("id").asText());
    }
    return ids;
  }

  @Test
  void syntheticIdsStartBeforeTheBulkOfTheRealOnesAndSkipTakenOnes() throws Exception {
    SyntheticCorpus corpus = SyntheticCorpus.from(snapshot());
    Path out = dir.resolve("corpus.jsonl.gz");
    corpus.write(232, 42, out, k -> {});
    List<String> ids = ids(out);
    assertThat(ids).hasSize(232).doesNotHaveDuplicates();
    // an older real paper (1812) does not push the synthetic months back; the taken 2412.00001 is skipped
    assertThat(ids.subList(202, 232)).allMatch(id -> id.startsWith("2412.")).first().isEqualTo("2412.00002");
    for (String id : ids) assertThat(ArxivId.parse(id).value()).isEqualTo(id);
  }

  @Test
  void aSizeWhoseIdsWouldReachBeforeFiveDigitNumbersIsRefusedUpFront() throws Exception {
    SyntheticCorpus corpus = SyntheticCorpus.from(snapshot());
    // 2412 back to 1501 is 120 months of 25,000, less the two real ids among them, plus the 202 real records
    corpus.checkFits(3_000_200);
    assertThatThrownBy(() -> corpus.checkFits(3_000_201)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2014-12").hasMessageContaining("at most 3,000,200");

    SyntheticCorpus old = SyntheticCorpus.from(REAL);
    old.checkFits(200);
    assertThatThrownBy(() -> old.checkFits(201)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("five-digit");
  }
}
