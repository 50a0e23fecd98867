package org.paperboy.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import org.paperboy.support.Refusal;

/**
 * When arXiv announces new papers, as Paperboy assumes it: Sunday to Thursday at 20:00 in New York,
 * except on the holiday evenings listed in {@code arxiv-holidays.txt} (data, replaceable by a file).
 * Each announcement takes the submissions up to that day's 14:00 deadline (Sunday's: Friday's); its
 * metadata reaches OAI-PMH around 22:30, so a harvest is due at {@link #HARVEST_DELAY} after it.
 * The listing of an announcement is dated the next day (arXiv's "new submissions for Tuesday" are
 * announced on Monday evening), which is the day Paperboy calls a paper's announcement day.
 */
public final class AnnouncementCalendar {
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  public static final LocalTime ANNOUNCEMENT = LocalTime.of(20, 0);
  public static final LocalTime DEADLINE = LocalTime.of(14, 0);
  /** Metadata appears around 22:30; a quarter of an hour more for stragglers. */
  public static final Duration HARVEST_DELAY = Duration.ofMinutes(165);
  private static final String BUNDLED = "arxiv-holidays.txt";
  /** Far more than the longest run of evenings without an announcement (a holiday week has five). */
  private static final int MAX_SEARCH_DAYS = 60;

  private final Set<LocalDate> holidays;

  public AnnouncementCalendar(Set<LocalDate> holidayEvenings) {
    this.holidays = Set.copyOf(holidayEvenings);
  }

  /** The calendar with the holidays that ship with Paperboy. */
  public static AnnouncementCalendar arxiv() {
    try (InputStream in = AnnouncementCalendar.class.getResourceAsStream(BUNDLED)) {
      if (in == null) throw new IllegalStateException(BUNDLED + " is missing from the build");
      return new AnnouncementCalendar(readHolidays(in, BUNDLED));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The calendar with the holidays in {@code file} (the format of {@code arxiv-holidays.txt}). */
  public static AnnouncementCalendar withHolidaysFrom(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new AnnouncementCalendar(readHolidays(in, file.toString()));
    } catch (IOException e) {
      throw Refusal.badInput("cannot read the holiday file " + file + ": " + e.getMessage(), e);
    }
  }

  public Set<LocalDate> holidays() {
    return new TreeSet<>(holidays);
  }

  /** Whether arXiv announces on the evening of {@code day} (New York time). */
  public boolean announcesOn(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d != DayOfWeek.FRIDAY && d != DayOfWeek.SATURDAY && !holidays.contains(day);
  }

  /** The first announcement strictly after {@code instant}. */
  public Instant nextAnnouncement(Instant instant) {
    LocalDate day = instant.atZone(NEW_YORK).toLocalDate();
    for (int i = 0; i <= MAX_SEARCH_DAYS; i++, day = day.plusDays(1)) {
      Instant at = announcementOn(day);
      if (announcesOn(day) && at.isAfter(instant)) return at;
    }
    throw new IllegalStateException("no arXiv announcement within " + MAX_SEARCH_DAYS + " days of " + instant
        + ": the holiday list is wrong");
  }

  /** The latest announcement at or before {@code instant}. */
  public Instant previousAnnouncement(Instant instant) {
    LocalDate day = instant.atZone(NEW_YORK).toLocalDate();
    for (int i = 0; i <= MAX_SEARCH_DAYS; i++, day = day.minusDays(1)) {
      Instant at = announcementOn(day);
      if (announcesOn(day) && !at.isAfter(instant)) return at;
    }
    throw new IllegalStateException("no arXiv announcement within " + MAX_SEARCH_DAYS + " days before " + instant
        + ": the holiday list is wrong");
  }

  /** The first time strictly after {@code instant} at which a new announcement's metadata should be harvestable. */
  public Instant nextHarvest(Instant instant) {
    return nextAnnouncement(instant.minus(HARVEST_DELAY)).plus(HARVEST_DELAY);
  }

  /**
   * The day of the listing that announces a paper submitted at {@code submitted}: the listing of the
   * first announcement whose deadline the submission made, dated the day after that announcement.
   */
  public LocalDate announcementDayOf(Instant submitted) {
    LocalDate day = submitted.atZone(NEW_YORK).toLocalDate();
    for (int i = 0; i <= MAX_SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (announcesOn(day) && !submitted.isAfter(deadlineOf(day))) return day.plusDays(1);
    }
    throw new IllegalStateException("no arXiv announcement within " + MAX_SEARCH_DAYS + " days of " + submitted);
  }

  /** The submission deadline an announcement on the evening of {@code day} takes: 14:00 that day, Sunday's on Friday. */
  private static Instant deadlineOf(LocalDate day) {
    LocalDate deadlineDay = day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.minusDays(2) : day;
    return ZonedDateTime.of(deadlineDay, DEADLINE, NEW_YORK).toInstant();
  }

  private static Instant announcementOn(LocalDate day) {
    return ZonedDateTime.of(day, ANNOUNCEMENT, NEW_YORK).toInstant();
  }

  private static Set<LocalDate> readHolidays(InputStream in, String source) throws IOException {
    Set<LocalDate> days = new TreeSet<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNo = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      lineNo++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) continue;
      String date = text.split("\\s+", 2)[0];
      try {
        days.add(LocalDate.parse(date));
      } catch (DateTimeParseException e) {
        throw Refusal.badInput(source + ":" + lineNo + ": '" + date + "' is not a date (YYYY-MM-DD)");
      }
    }
    return days;
  }
}
