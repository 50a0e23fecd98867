package org.paperboy.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Random;
import org.paperboy.support.Randomized;
import org.paperboy.support.Refusal;

/** Which days a request means, attacked with random days (year ends and leap years included) and random text. */
class ListingRandomTest {
  private static final int ROUNDS = 2_000;
  private static final LocalDate LATEST = LocalDate.parse("2026-08-14");

  /** Days from 1991 to 2100, one in four within a few days of a new year, where ISO weeks cross years. */
  private static LocalDate day(Random random) {
    if (random.nextInt(4) == 0) {
      return LocalDate.of(1991 + random.nextInt(110), 12, 28).plusDays(random.nextInt(8));
    }
    return LocalDate.of(1991, 1, 1).plusDays(random.nextInt(110 * 366));
  }

  private static Listing parseParam(String param) {
    String value = param.substring(param.indexOf('=') + 1);
    return switch (param.substring(0, param.indexOf('='))) {
      case "date" -> Listing.parse(value, null, null, LATEST);
      case "week" -> Listing.parse(null, value, null, LATEST);
      case "month" -> Listing.parse(null, null, value, LATEST);
      default -> throw new AssertionError(param);
    };
  }

  @Randomized
  void everyListingCoversItsDaysAndItsLinkMeansItAgain(Random random) {
    for (int i = 0; i < ROUNDS; i++) {
      LocalDate d = day(random);
      Listing week = Listing.week(d);
      assertThat(week.from()).as("week of %s", d).matches(m -> m.getDayOfWeek() == DayOfWeek.MONDAY);
      assertThat(week.to()).isEqualTo(week.from().plusDays(6));
      assertThat(d).isBetween(week.from(), week.to());
      Listing month = Listing.month(YearMonth.from(d));
      assertThat(month.from()).isEqualTo(d.withDayOfMonth(1));
      assertThat(month.to()).isEqualTo(d.withDayOfMonth(d.lengthOfMonth()));
      for (Listing l : new Listing[] {Listing.day(d), week, month}) {
        assertThat(parseParam(l.param())).as("the link %s", l.param()).isEqualTo(l);
        assertThat(l.previous().next()).isEqualTo(l);
        assertThat(l.next().from()).as("no day between %s and the next one", l).isEqualTo(l.to().plusDays(1));
        assertThat(l.previous().to()).isEqualTo(l.from().minusDays(1));
        assertThat(l.window().days).isPositive();
      }
    }
  }

  @Randomized
  void anythingTypedIsEitherAListingOrOneBadInputLine(Random random) {
    String alphabet = "0123456789-W W:/x.é\u0000";
    for (int i = 0; i < ROUNDS; i++) {
      String[] given = new String[3];
      for (int k = 0; k < 3; k++) {
        if (random.nextInt(3) > 0) continue;
        StringBuilder b = new StringBuilder();
        int len = random.nextInt(12);
        for (int c = 0; c < len; c++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        given[k] = b.toString();
      }
      Throwable t = catchThrowable(() -> {
        Listing l = Listing.parse(given[0], given[1], given[2], LATEST);
        assertThat(l.from()).isBeforeOrEqualTo(l.to());
      });
      if (t != null) {
        assertThat(t).as("date=%s week=%s month=%s", given[0], given[1], given[2]).isInstanceOf(Refusal.class);
        assertThat(((Refusal) t).kind()).isEqualTo(Refusal.Kind.BAD_INPUT);
        assertThat(t.getMessage()).isNotBlank().doesNotContain("\n");
      }
    }
  }
}
