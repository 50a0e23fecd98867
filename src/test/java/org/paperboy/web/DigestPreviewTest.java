package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.support.MutableClock;

/** The preview of the next digest answers for every schedule, whether its send time has come today or not. */
class DigestPreviewTest {
  @TempDir Path dir;
  // a Sunday morning in UTC
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @Test
  void everyFrequencyWeekdayAndHourHasAPreview() {
    try (CommunityFixture f = new CommunityFixture("sqlite", dir, clock, Duration.ofDays(14), 0);
        Member ada = CommunityWebTest.signIn(f, "ada@example.org")) {
      ada.get("/subscribe");
      ada.post("/subscribe", Map.of("email", "ada@example.org", "hour", "6"));
      f.app.subscriptions().confirm(DigestWebTest.confirmPath(f).substring("/subscriptions/confirm/".length()));
      String manage = ada.get("/account/digest").headers().firstValue("location").orElseThrow();
      // {frequency, weekday (1 = Monday), hour, time zone}: due already, later today, later this week, earlier this week
      for (List<String> schedule : List.of(List.of("daily", "1", "6", "UTC"), List.of("daily", "1", "23", "UTC"),
          List.of("weekly", "7", "6", "UTC"), List.of("weekly", "7", "23", "UTC"), List.of("weekly", "1", "8", "UTC"),
          List.of("weekly", "3", "12", "America/Los_Angeles"), List.of("daily", "1", "0", "Pacific/Auckland"))) {
        ada.get(manage);
        HttpResponse<String> saved = ada.post(manage, Map.of("frequency", schedule.get(0), "weekday", schedule.get(1),
            "hour", schedule.get(2), "timeZone", schedule.get(3)));
        assertThat(saved.statusCode()).as("saving %s: %s", schedule, saved.body()).isEqualTo(303);
        HttpResponse<String> preview = ada.get("/digest/preview");
        assertThat(preview.statusCode()).as("the preview for %s: %s", schedule, preview.body()).isEqualTo(200);
      }
    }
  }
}
