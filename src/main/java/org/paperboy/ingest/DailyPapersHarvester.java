package org.paperboy.ingest;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyFeedImporter;
import org.paperboy.trending.DailyFeedReader;

/**
 * Mirrors a public daily-papers list, one day per request ({@code ?date=YYYY-MM-DD}), as politely as
 * the arXiv harvester: one connection, a gap between requests, Retry-After honoured, bounded retries.
 * Each day's answer is kept as a file under the data directory (written whole, then moved into
 * place) and imported like any raw day file, so counts only grow and a re-run changes nothing.
 */
public final class DailyPapersHarvester {
  /** The public API whose shape {@code /api/daily_papers} also serves. */
  public static final String ENDPOINT = "https://huggingface.co/api/daily_papers";
  public static final URI PUBLIC_ENDPOINT = URI.create(ENDPOINT);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PoliteHttp http;
  private final DailyFeedImporter importer;
  private final Path daysDir;

  public DailyPapersHarvester(PoliteHttp http, DailyFeedImporter importer, Path daysDir) {
    this.http = http;
    this.importer = importer;
    this.daysDir = daysDir;
  }

  /** What a harvest did. */
  public record Summary(int days, int emptyDays, long listings, long inserted, long updated, long papersCreated,
      long rejected) {
    @Override
    public String toString() {
      return String.format("%d days (%d without a list): %,d listings, %,d inserted, %,d updated, %,d papers created, %,d rejected",
          days, emptyDays, listings, inserted, updated, papersCreated, rejected);
    }
  }

  /** The checkpoint format name under which a mirror remembers where it stands. */
  static final String CHECKPOINT_FORMAT = "daily-papers";

  /**
   * Mirrors from where the last mirror of this endpoint stopped to {@code today}: its last day is
   * asked again, to refresh that day's counts. An endpoint never mirrored starts at {@code firstDay}.
   * Remembered in the harvest checkpoints (one row per endpoint), so every process of a cluster
   * continues from the same day.
   */
  public Summary harvestSinceLastRun(URI endpoint, LocalDate firstDay, LocalDate today, HarvestCheckpoints checkpoints,
      java.time.Clock clock, Consumer<DailyFeedReader.Rejection> onRejected) {
    LocalDate from = checkpoints.find(endpoint.toString(), CHECKPOINT_FORMAT, "").map(HarvestCheckpoint::nextFrom)
        .orElse(firstDay);
    if (from == null || from.isAfter(today)) from = today;
    Summary s = harvest(endpoint, from, today, onRejected);
    checkpoints.save(new HarvestCheckpoint(endpoint.toString(), CHECKPOINT_FORMAT, "", from, null, clock.instant(), today,
        s.days(), s.listings(), clock.instant()));
    return s;
  }

  /** Fetches and imports every day from {@code from} to {@code to}, oldest first. */
  public Summary harvest(URI endpoint, LocalDate from, LocalDate to, Consumer<DailyFeedReader.Rejection> onRejected) {
    if (to.isBefore(from)) throw Refusal.badInput("--since " + from + " is after " + to + ": nothing to harvest");
    try {
      Files.createDirectories(daysDir);
    } catch (IOException e) {
      throw Refusal.unavailable("cannot create " + daysDir + ": " + e.getMessage(), e);
    }
    int days = 0, empty = 0;
    long listings = 0, inserted = 0, updated = 0, created = 0, rejected = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days++;
      byte[] body = fetch(endpoint, day);
      if (body == null) {
        empty++;
        continue;
      }
      Path file = keep(day, body);
      DailyFeedImporter.Summary s = importer.importFile(file, onRejected);
      listings += s.read();
      inserted += s.inserted();
      updated += s.updated();
      created += s.papersCreated();
      rejected += s.rejected();
    }
    return new Summary(days, empty, listings, inserted, updated, created, rejected);
  }

  /**
   * The day's JSON array, or null when the day has an empty list. A body cut off before its end is asked
   * for again; a 404 or an answer that is not JSON at all means the endpoint is wrong, and ends the run.
   */
  private byte[] fetch(URI endpoint, LocalDate day) {
    URI uri = URI.create(endpoint + (endpoint.getQuery() == null ? "?" : "&") + "date="
        + URLEncoder.encode(day.toString(), StandardCharsets.UTF_8));
    return http.get(uri, (status, in) -> {
      byte[] bytes = in.readAllBytes();
      if (status == 404) {
        throw Refusal.notFound(uri + " answered HTTP 404 (not found): check --endpoint (a day without a list answers [])");
      }
      if (status != 200) {
        String text = PoliteHttp.oneLine(new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
        throw Refusal.unavailable("the daily-papers API answered HTTP " + status + " for date " + day + " (" + uri + "): " + text);
      }
      JsonNode node;
      try {
        node = JSON.readTree(bytes);
      } catch (JsonEOFException e) {
        throw new PoliteHttp.MalformedResponse("the answer for " + day + " ends before its JSON does", e);
      } catch (IOException e) {
        throw Refusal.unavailable(uri + " answered something that is not JSON (it begins '" + beginning(bytes)
            + "'): check --endpoint");
      }
      if (node == null || !node.isArray()) {
        throw Refusal.unavailable(uri + " answered " + day + " with something other than a JSON list: check --endpoint");
      }
      return node.isEmpty() ? null : bytes;
    });
  }

  private static String beginning(byte[] body) {
    String text = PoliteHttp.oneLine(new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8));
    return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private Path keep(LocalDate day, byte[] body) {
    Path file = daysDir.resolve(day + ".json");
    try {
      Path partial = Files.write(daysDir.resolve(day + ".json.partial"), body);
      return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw Refusal.unavailable("cannot keep the answer for " + day + " in " + file + ": " + e.getMessage(), e);
    }
  }
}
