package org.paperboy.bench;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.paperboy.support.Refusal;

/**
 * A relevance test set in the BEIR layout: corpus JSON lines {@code _id,title,text}, queries JSON lines
 * {@code _id,text}, qrels TSV {@code query-id corpus-id score} with a header line. Plain or gzip.
 */
public record BeirSet(List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {
  public record Doc(String id, String title, String text) {}

  public static BeirSet read(Path corpus, Path queries, Path qrels) {
    ObjectMapper json = new ObjectMapper();
    List<Doc> docs = new ArrayList<>();
    forEachLine(corpus, (n, line) -> {
      JsonNode node = parse(json, corpus, n, line);
      docs.add(new Doc(text(node, "_id"), text(node, "title"), text(node, "text")));
    });
    Map<String, String> qs = new LinkedHashMap<>();
    forEachLine(queries, (n, line) -> {
      JsonNode node = parse(json, queries, n, line);
      qs.put(text(node, "_id"), text(node, "text"));
    });
    Map<String, Map<String, Integer>> rels = new LinkedHashMap<>();
    forEachLine(qrels, (n, line) -> {
      String[] cols = line.split("\t");
      if (cols.length < 3) throw Refusal.badInput(qrels + ":" + n + ": expected query-id, corpus-id, score");
      if (n == 1 && !cols[2].strip().matches("-?\\d+")) return; // the header
      rels.computeIfAbsent(cols[0].strip(), k -> new HashMap<>()).put(cols[1].strip(), Integer.parseInt(cols[2].strip()));
    });
    return new BeirSet(docs, qs, rels);
  }

  private interface LineHandler {
    void accept(long number, String line);
  }

  private static void forEachLine(Path file, LineHandler handler) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        BufferedReader reader = new BufferedReader(new InputStreamReader(gunzipped(raw), StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = reader.readLine()) != null) {
        n++;
        if (!line.isBlank()) handler.accept(n, line);
      }
    } catch (IOException e) {
      throw Refusal.badInput("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream gunzipped(InputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read(), b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static JsonNode parse(ObjectMapper json, Path file, long n, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw Refusal.badInput(file + ":" + n + ": not valid JSON: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
