package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** arXiv's announcement rhythm: Sunday–Thursday 20:00 New York time, holidays excepted, daylight saving included. */
class AnnouncementCalendarTest {
  private static final ZoneId NY = ZoneId.of("America/New_York");
  private final AnnouncementCalendar calendar = AnnouncementCalendar.arxiv();

  @TempDir Path dir;

  private static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NY).toInstant();
  }

  @Test
  void aFridayHarvestWaitsForSundayEveningsAnnouncement() {
    // Friday 21 November 2025, noon: no announcement on Friday or Saturday evening
    assertThat(calendar.nextAnnouncement(ny("2025-11-21T12:00"))).isEqualTo(ny("2025-11-23T20:00"));
    assertThat(calendar.nextHarvest(ny("2025-11-21T12:00"))).isEqualTo(ny("2025-11-23T22:45"));
    assertThat(calendar.nextHarvest(ny("2025-11-23T22:45"))).as("strictly after").isEqualTo(ny("2025-11-24T22:45"));
    assertThat(calendar.nextHarvest(ny("2025-11-23T22:44"))).isEqualTo(ny("2025-11-23T22:45"));
  }

  @Test
  void thanksgivingEveningHasNoAnnouncementSoWednesdaysHarvestIsFollowedBySundays() {
    assertThat(calendar.announcesOn(LocalDate.parse("2025-11-27"))).isFalse();
    assertThat(calendar.nextHarvest(ny("2025-11-26T22:45"))).isEqualTo(ny("2025-11-30T22:45"));
    assertThat(calendar.previousAnnouncement(ny("2025-11-29T12:00"))).isEqualTo(ny("2025-11-26T20:00"));
  }

  @Test
  void announcementsStayAt20hNewYorkTimeAcrossDaylightSavingChanges() {
    // DST ended on Sunday 2 November 2025 at 02:00: Sunday's announcement is 01:00 UTC, the Thursday before 00:00 UTC
    assertThat(calendar.nextAnnouncement(ny("2025-10-30T21:00"))).isEqualTo(Instant.parse("2025-11-03T01:00:00Z"));
    assertThat(calendar.nextAnnouncement(ny("2025-10-30T12:00"))).isEqualTo(Instant.parse("2025-10-31T00:00:00Z"));
    // DST began on Sunday 8 March 2026
    assertThat(calendar.nextHarvest(ny("2026-03-06T12:00"))).isEqualTo(Instant.parse("2026-03-09T02:45:00Z"));
  }

  @Test
  void aPaperIsAnnouncedWithTheFirstListingWhoseDeadlineItMade() {
    // Tuesday before 14:00 → Tuesday evening, listed Wednesday
    assertThat(calendar.announcementDayOf(ny("2025-11-18T13:59"))).isEqualTo(LocalDate.parse("2025-11-19"));
    // Tuesday after 14:00 → Wednesday evening, listed Thursday
    assertThat(calendar.announcementDayOf(ny("2025-11-18T14:01"))).isEqualTo(LocalDate.parse("2025-11-20"));
    // Thursday afternoon and Friday morning → Sunday evening, listed Monday
    assertThat(calendar.announcementDayOf(ny("2025-11-20T15:00"))).isEqualTo(LocalDate.parse("2025-11-24"));
    assertThat(calendar.announcementDayOf(ny("2025-11-21T10:00"))).isEqualTo(LocalDate.parse("2025-11-24"));
    // Friday afternoon and the weekend → Monday evening, listed Tuesday
    assertThat(calendar.announcementDayOf(ny("2025-11-21T15:00"))).isEqualTo(LocalDate.parse("2025-11-25"));
    assertThat(calendar.announcementDayOf(ny("2025-11-22T09:00"))).isEqualTo(LocalDate.parse("2025-11-25"));
    // Wednesday afternoon before Thanksgiving → no Thursday announcement → Sunday evening, listed Monday
    assertThat(calendar.announcementDayOf(ny("2025-11-26T15:00"))).isEqualTo(LocalDate.parse("2025-12-01"));
  }

  @Test
  void holidaysAreDataThatAFileReplaces() throws Exception {
    Path file = Files.writeString(dir.resolve("holidays.txt"), "# our own list\n2026-03-09  lab retreat\n\n");
    AnnouncementCalendar ours = AnnouncementCalendar.withHolidaysFrom(file);
    assertThat(ours.holidays()).containsExactly(LocalDate.parse("2026-03-09"));
    assertThat(ours.announcesOn(LocalDate.parse("2025-11-27"))).as("the bundled list no longer applies").isTrue();
    assertThat(ours.nextAnnouncement(ny("2026-03-09T12:00"))).isEqualTo(ny("2026-03-10T20:00"));

    Path bad = Files.writeString(dir.resolve("bad.txt"), "2026-03-09\n09/03/2026 typo\n");
    assertThatThrownBy(() -> AnnouncementCalendar.withHolidaysFrom(bad)).isInstanceOf(org.paperboy.support.Refusal.class)
        .hasMessage(bad + ":2: '09/03/2026' is not a date (YYYY-MM-DD)");
  }

  @Test
  void aCalendarWithoutAnyAnnouncementSaysTheListIsWrong() {
    Set<LocalDate> everyDay = new java.util.HashSet<>();
    for (LocalDate d = LocalDate.parse("2026-01-01"); d.isBefore(LocalDate.parse("2026-04-01")); d = d.plusDays(1)) everyDay.add(d);
    assertThatThrownBy(() -> new AnnouncementCalendar(everyDay).nextHarvest(ny("2026-01-02T00:00")))
        .hasMessageContaining("the holiday list is wrong");
  }
}
