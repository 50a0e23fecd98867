package org.paperboy.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A corpus of any size derived from a real snapshot, the same for the same seed: the real records
 * first, verbatim, then synthetic ones in the snapshot's own layout, so the import under test reads
 * exactly what it reads in production. A synthetic paper takes its categories, authors and length from
 * one real paper (so their distributions are the real ones), its title from the first half of one real
 * title and the second half of another, its abstract from real sentences drawn at random, and a version
 * history of one to three versions. Ids follow arXiv's five-digit scheme, 25,000 a month (arXiv's current
 * rate), counting back from the month before the bulk of the real corpus starts (the first month with
 * 1 % of its records: a few older papers in it must not push the ids back past 2015, before which arXiv
 * numbered with four digits); an id a real record already has is skipped.
 */
public final class SyntheticCorpus {
  static final int PER_MONTH = 25_000;
  /** arXiv's ids have five-digit numbers from January 2015; four before, which hold too few a month. */
  private static final YearMonth FIVE_DIGITS_FROM = YearMonth.of(2015, 1);
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private final List<String> realLines;
  private final List<JsonNode> real;
  private final List<String> sentences;
  private final YearMonth firstSyntheticMonth;
  private final Set<String> realIds;

  private SyntheticCorpus(List<String> realLines, List<JsonNode> real, List<String> sentences, YearMonth before,
      Set<String> realIds) {
    this.realIds = realIds;
    this.realLines = realLines;
    this.real = real;
    this.sentences = sentences;
    this.firstSyntheticMonth = before.minusMonths(1);
  }

  /** Reads the real snapshot (JSON lines, plain or gzip) once. */
  public static SyntheticCorpus from(Path snapshot) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    List<JsonNode> nodes = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    Map<YearMonth, Integer> perMonth = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    try (var in = Files.newInputStream(snapshot);
        var raw = new java.io.BufferedInputStream(in, 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      var reader = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(raw, 1 << 16) : raw,
          StandardCharsets.UTF_8), 1 << 16);
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) continue;
        JsonNode node = json.readTree(line);
        lines.add(line);
        nodes.add(node);
        String id = node.path("id").asText();
        ids.add(id);
        if (id.matches("\\d{4}\\.\\d{4,5}")) perMonth.merge(monthOf(id), 1, Integer::sum);
        for (String s : node.path("abstract").asText().replace('\n', ' ').split("(?<=[.!?])\\s+")) {
          if (s.length() > 20) sentences.add(s.strip());
        }
      }
    }
    if (nodes.isEmpty()) throw new IOException(snapshot + " holds no records");
    int bulk = Math.max(1, nodes.size() / 100);
    YearMonth start = perMonth.entrySet().stream().filter(e -> e.getValue() >= bulk).map(Map.Entry::getKey).findFirst()
        .orElse(YearMonth.of(2025, 1));
    return new SyntheticCorpus(lines, nodes, sentences, start, Set.copyOf(ids));
  }

  /** The month of a new-style arXiv id: {@code 2501.01234} → 2025-01. */
  private static YearMonth monthOf(String id) {
    return YearMonth.of(2000 + Integer.parseInt(id.substring(0, 2)), Integer.parseInt(id.substring(2, 4)));
  }

  /** Refuses, before anything is written, a size whose ids would reach back before five-digit numbers. */
  public void checkFits(long papers) {
    if (papers <= realLines.size()) return;
    // the real ids the synthetic ones would meet, and skip, in their months
    long taken = realIds.stream().filter(id -> id.matches("\\d{4}\\.\\d{5}")
        && !monthOf(id).isAfter(firstSyntheticMonth)
        && Integer.parseInt(id.substring(5)) <= PER_MONTH).count();
    long synthetic = papers - realLines.size() + taken;
    YearMonth last = firstSyntheticMonth.minusMonths((synthetic - 1) / PER_MONTH);
    if (last.isBefore(FIVE_DIGITS_FROM)) {
      long most = realLines.size() - taken
          + (firstSyntheticMonth.getYear() * 12L + firstSyntheticMonth.getMonthValue()
              - FIVE_DIGITS_FROM.getYear() * 12L - FIVE_DIGITS_FROM.getMonthValue() + 1) * PER_MONTH;
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%,d papers would need ids back to %s, before arXiv's five-digit ids (%s): at most %,d from this snapshot",
          papers, last, FIVE_DIGITS_FROM, most));
    }
  }

  public int realSize() {
    return real.size();
  }

  /**
   * Writes {@code papers} records to {@code out} (gzip), the real ones first.
   *
   * @param progress told how many records each step wrote
   */
  public void write(long papers, long seed, Path out, LongConsumer progress) {
    JsonFactory factory = new ObjectMapper().getFactory(); // with a codec: the templates' author lists are written as trees
    try (OutputStream file = Files.newOutputStream(out);
        OutputStream gz = new GZIPOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), 1 << 16) {
          { def.setLevel(1); } // fast: the corpus is rewritten per size, and the import reads it once
        }) {
      long written = 0;
      for (String line : realLines) {
        if (written == papers) break;
        gz.write(line.getBytes(StandardCharsets.UTF_8));
        gz.write('\n');
        if (++written % 10_000 == 0) progress.accept(10_000);
      }
      var buffer = new java.io.ByteArrayOutputStream(4096);
      for (long i = 0; written < papers; i++) {
        YearMonth month = firstSyntheticMonth.minusMonths(i / PER_MONTH);
        String id = String.format(Locale.ROOT, "%02d%02d.%05d", month.getYear() % 100, month.getMonthValue(), i % PER_MONTH + 1);
        if (realIds.contains(id)) continue;
        written++;
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
          writeSynthetic(g, id, month, new SplittableRandom(seed * 1_000_003L + i));
        }
        buffer.write('\n');
        buffer.writeTo(gz);
        if (written % 10_000 == 0) progress.accept(10_000);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + out + " failed: " + e.getMessage(), e);
    }
  }

  private void writeSynthetic(JsonGenerator g, String id, YearMonth month, SplittableRandom random) throws IOException {
    if (month.isBefore(FIVE_DIGITS_FROM)) throw new IllegalArgumentException("more papers than arXiv's five-digit ids hold");
    JsonNode template = real.get(random.nextInt(real.size()));
    JsonNode other = real.get(random.nextInt(real.size()));
    LocalDate v1 = weekday(month.atDay(1 + random.nextInt(month.lengthOfMonth())));
    int versions = random.nextInt(100) < 65 ? 1 : random.nextInt(100) < 75 ? 2 : 3;

    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeNullField("submitter");
    g.writeStringField("authors", template.path("authors").asText());
    g.writeStringField("title", recombined(template.path("title").asText(), other.path("title").asText()));
    writeText(g, "comments", template.get("comments"));
    g.writeNullField("journal-ref");
    g.writeNullField("doi");
    g.writeNullField("report-no");
    g.writeStringField("categories", template.path("categories").asText());
    g.writeNullField("license");
    g.writeStringField("abstract", abstractLike(template.path("abstract").asText(), random));
    g.writeArrayFieldStart("versions");
    LocalDate day = v1;
    for (int v = 1; v <= versions; v++) {
      g.writeStartObject();
      g.writeStringField("version", "v" + v);
      g.writeStringField("created", RFC_1123.format(day.atTime(8 + random.nextInt(12), random.nextInt(60), random.nextInt(60))
          .atOffset(ZoneOffset.UTC)));
      g.writeEndObject();
      day = weekday(day.plusDays(3 + random.nextInt(60)));
    }
    g.writeEndArray();
    g.writeStringField("update_date", day.minusDays(1).toString());
    g.writeFieldName("authors_parsed");
    g.writeTree(template.path("authors_parsed"));
    g.writeEndObject();
  }

  private static void writeText(JsonGenerator g, String field, JsonNode value) throws IOException {
    if (value == null || value.isNull()) g.writeNullField(field);
    else g.writeStringField(field, value.asText());
  }

  private static LocalDate weekday(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY ? d.plusDays(2) : d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
  }

  private static String recombined(String a, String b) {
    String[] x = a.split(" "), y = b.split(" ");
    StringBuilder t = new StringBuilder();
    for (int k = 0; k < Math.max(1, x.length / 2); k++) t.append(x[k]).append(' ');
    for (int k = y.length / 2; k < y.length; k++) t.append(y[k]).append(' ');
    return t.toString().strip();
  }

  /** As many real sentences as the template has, drawn from the whole corpus, wrapped at ~80 columns like arXiv. */
  private String abstractLike(String template, SplittableRandom random) {
    int count = Math.max(1, template.split("(?<=[.!?])\\s+").length);
    StringBuilder text = new StringBuilder();
    int column = 0;
    for (int k = 0; k < count; k++) {
      for (String word : sentences.get(random.nextInt(sentences.size())).split(" ")) {
        if (column > 0 && column + word.length() > 78) {
          text.append('\n');
          column = 0;
        } else if (column > 0) {
          text.append(' ');
          column++;
        }
        text.append(word);
        column += word.length();
      }
    }
    return text.toString();
  }
}
