package org.paperboy.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final RateLimiter limiter = new RateLimiter(clock);

  @Test
  void refusesTheActionBeyondTheLimitWithWhenToTryAgainRoundedUp() {
    RateLimiter.Limit threePerMinute = new RateLimiter.Limit(3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) limiter.acquire("k", threePerMinute, "too many tries");
    clock.advance(Duration.ofMillis(500));

    Refusal refused = catchThrowableOfType(Refusal.class, () -> limiter.acquire("k", threePerMinute, "too many tries"));

    // one token refills every 20 s; 0.5 s have passed, so 19.5 s remain, said as 20 s (never too early)
    assertThat(refused.kind()).isEqualTo(Refusal.Kind.TOO_MANY);
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(19_500));
    assertThat(refused.retryAfterSeconds()).isEqualTo(20);
    assertThat(refused.getMessage()).isEqualTo("too many tries; try again in 20 s");
    assertThatCode(() -> limiter.acquire("another key", threePerMinute, "too many tries")).doesNotThrowAnyException();

    clock.advance(Duration.ofMillis(19_500));
    assertThatCode(() -> limiter.acquire("k", threePerMinute, "too many tries")).doesNotThrowAnyException();
  }

  @Test
  void longWaitsAreSaidInMinutesAndShortOnesInAtLeastOneSecond() {
    assertThat(RateLimiter.inWords(Duration.ofMillis(1))).isEqualTo("1 s");
    assertThat(RateLimiter.inWords(Duration.ofSeconds(119))).isEqualTo("119 s");
    assertThat(RateLimiter.inWords(Duration.ofSeconds(121))).isEqualTo("3 min");
    assertThat(RateLimiter.inWords(Duration.ofMinutes(20))).isEqualTo("20 min");
    assertThat(Refusal.seconds(Duration.ZERO)).isEqualTo(1);
    assertThat(Refusal.seconds(Duration.ofMillis(1001))).isEqualTo(2);
  }
}
