package org.paperboy.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.Database;
import org.paperboy.db.TestDatabases;

/** Two servers on one PostgreSQL store spend from one budget: alternating between them gains nothing. */
class SharedRateLimitTest {
  private static final RateLimiter.Limit FIVE_PER_MINUTE = new RateLimiter.Limit(5, Duration.ofMinutes(1));

  @TempDir Path dir;

  @Test
  void alternatingBetweenTwoServersGetsNoMoreThanTheLimit() {
    String url = TestDatabases.freshPostgresUrl(dir);
    MutableClock clock = new MutableClock(Instant.parse("2026-08-21T10:00:00Z"));
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      List<RateLimiter> nodes = List.of(RateLimiter.forStore(one, clock), RateLimiter.forStore(two, clock));
      int allowed = 0;
      Duration lastWait = null;
      for (int i = 0; i < 20; i++) {
        var wait = spend(nodes.get(i % 2), "vote:7");
        if (wait.isEmpty()) allowed++;
        else lastWait = wait.get();
      }
      assertThat(allowed).as("actions allowed across both servers").isEqualTo(5);
      assertThat(lastWait).as("the refusal says when one comes back").isEqualTo(Duration.ofSeconds(12));
      clock.advance(Duration.ofSeconds(12));
      assertThat(spend(nodes.get(1), "vote:7")).as("refilled after 12 s").isEmpty();
      assertThat(spend(nodes.get(0), "vote:7")).isPresent();
      assertThat(spend(nodes.get(0), "vote:8")).as("another key has its own budget").isEmpty();
    }
  }

  @Test
  void racingServersNeverBothSpendTheLastToken() throws Exception {
    String url = TestDatabases.freshPostgresUrl(dir);
    MutableClock clock = new MutableClock(Instant.parse("2026-08-21T10:00:00Z"));
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      List<RateLimiter> nodes = List.of(RateLimiter.forStore(one, clock), RateLimiter.forStore(two, clock));
      AtomicInteger allowed = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RateLimiter node = nodes.get(t % 2);
        threads.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < 10; i++) {
            if (spend(node, "comment:1").isEmpty()) allowed.incrementAndGet();
          }
        }));
      }
      for (Thread t : threads) t.join();
      assertThat(allowed.get()).as("80 racing attempts on two servers").isEqualTo(5);
    }
  }

  /** Empty when allowed, else the refusal's retry-after. */
  private static java.util.Optional<Duration> spend(RateLimiter limiter, String key) {
    try {
      limiter.acquire(key, FIVE_PER_MINUTE, "too many");
      return java.util.Optional.empty();
    } catch (Refusal r) {
      assertThat(r.kind()).isEqualTo(Refusal.Kind.TOO_MANY);
      return java.util.Optional.of(r.retryAfter());
    }
  }
}
