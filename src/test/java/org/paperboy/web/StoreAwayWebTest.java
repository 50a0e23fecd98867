package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.TestDatabases;
import org.paperboy.support.CuttableProxy;
import org.paperboy.support.MutableClock;

/**
 * The PostgreSQL server goes away under a running site (a proxy between them is cut): requests that need
 * the store are answered 503 with Retry-After within seconds — not a 500 after 30 s — and once it is
 * back the site recovers by itself, the write then taken once. PostgreSQL only: an SQLite file is never
 * away.
 */
class StoreAwayWebTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @Test
  void whileTheServerIsAwayRequestsAre503WithinSecondsAndTheSiteRecoversWhenItIsBack() throws Exception {
    String direct = TestDatabases.freshPostgresUrl(dir);
    int pgPort = Integer.parseInt(direct.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
    try (CuttableProxy proxy = new CuttableProxy(pgPort)) {
      String proxied = direct.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + proxy.port() + "/");
      try (CommunityFixture f = new CommunityFixture(dir, proxied, clock)) {
        Member member = ConcurrentWritesTest.signIn(f, "reader@example.org", "10.1.0.1");
        proxy.cut();

        long started = System.nanoTime();
        HttpResponse<String> vote = member.post("/vote", Map.of("paper", CommunityFixture.LISTED));
        HttpResponse<String> profile = member.get("/profile");
        HttpResponse<String> api = member.get("/api/papers/0704.0002");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        for (HttpResponse<String> r : java.util.List.of(vote, profile, api)) {
          assertThat(r.statusCode()).as("%s %s", r.request().uri(), r.body()).isEqualTo(503);
          assertThat(r.headers().firstValue("Retry-After")).hasValue("10");
          assertThat(r.body()).contains("cannot reach its store").doesNotContain("Exception");
        }
        assertThat(took).as("three requests while the store is away").isLessThan(Duration.ofSeconds(20));

        proxy.restore();
        // connections the cut broke are found out and replaced by the pool on use
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
          int status = member.post("/vote", Map.of("paper", CommunityFixture.LISTED)).statusCode();
          assertThat(status).as("never a 500").isNotEqualTo(500);
          return status < 400;
        });
        assertThat(member.get("/profile").statusCode()).isEqualTo(200);
        long votes = f.app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes").mapTo(Long.class).one());
        assertThat(votes).as("the vote, once").isEqualTo(1);
      }
    }
  }
}
