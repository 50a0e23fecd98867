package org.paperboy.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.paperboy.code.LinkedCode;
import org.paperboy.paper.PaperStore;
import org.paperboy.trending.DailyList;

/**
 * Last-Modified for every page: the moment this server first saw the data in its current state
 * (checked at most once a second, so a busy server does not ask the store on every request, and at
 * once when a write by any process is heard: {@link WebServer#storeChanged()}).
 * {@code If-Modified-Since} is answered with 304 when no {@code If-None-Match} is sent (an ETag,
 * which {@link PageCache} computes from the body, takes precedence as HTTP says).
 */
final class Freshness {
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private final PaperStore papers;
  private final DailyList lists;
  private final LinkedCode code;
  private final Clock clock;
  private String version;
  private Instant modified;
  private long checkedAt;
  /** Set when another process is heard writing to the store: the next request checks at once. */
  private volatile boolean stale;

  Freshness(PaperStore papers, DailyList lists, LinkedCode code, Clock clock) {
    this.papers = papers;
    this.lists = lists;
    this.code = code;
    this.clock = clock;
  }

  synchronized Instant lastModified() {
    refresh();
    return modified;
  }

  /**
   * A fingerprint of what pages show: it changes whenever papers, daily lists or code links and
   * stars change, and at
   * midnight (trending windows end "today").
   */
  synchronized String version() {
    refresh();
    return version + "@" + java.time.LocalDate.now(clock);
  }

  /** The data may have changed (a write was heard): the next page asks the store instead of trusting the last answer. */
  void stale() {
    stale = true;
  }

  private void refresh() {
    long now = System.nanoTime();
    if (version == null || stale || now - checkedAt > RECHECK_NANOS) {
      stale = false; // a write heard while asking is asked about again
      String current = papers.lastChangeSeq() + "/" + lists.version() + "/" + code.version();
      if (!current.equals(version)) {
        version = current;
        modified = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      }
      checkedAt = now;
    }
  }

  void answerNotModified(Context ctx) {
    // Only what is the same for every visitor may be answered by date: a page shows votes, forms and
    // "new" marks of its visitor, so a date says nothing about whether their copy is current.
    if (!ctx.method().name().equals("GET") || !(ctx.path().startsWith("/api/") || ctx.path().startsWith("/feeds/"))) return;
    Instant modified = lastModified();
    ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)));
    String since = ctx.header("If-Modified-Since");
    if (since == null || ctx.header("If-None-Match") != null) return;
    try {
      if (!ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(modified)) {
        ctx.status(304);
        ctx.skipRemainingHandlers();
      }
    } catch (DateTimeParseException ignored) {
      // an unreadable date is ignored, as HTTP asks
    }
  }
}
