package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.support.MutableClock;
import org.paperboy.support.SmallDisk;

/**
 * The site on a store whose disk fills up: a write is refused with 503, Retry-After and a line that says
 * nothing was saved (JSON for a fetch that asks for it), never a 500; pages keep being served; once
 * there is room the same write is taken, once.
 */
class FullDiskWebTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @StoreKinds
  void aWriteOnAFullDiskIs503AndPagesStayUpAndTheSameWriteIsTakenOnceThereIsRoom(String kind) throws Exception {
    try (SmallDisk disk = SmallDisk.mount(24); SmallDisk.Store store = disk.store(kind, dir);
        CommunityFixture f = new CommunityFixture(store.data(), store.url(), clock)) {
      Member member = ConcurrentWritesTest.signIn(f, "reader@example.org", "10.1.0.1");
      if (kind.equals("sqlite")) {
        // the write-ahead log would otherwise reuse the room it already has: empty, it must grow
        f.app.database().jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
      }
      disk.fill();

      HttpResponse<String> refused = member.post("/vote", Map.of("paper", CommunityFixture.LISTED));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
      assertThat(refused.body()).contains("disk is full, so this was not saved").doesNotContain("Exception");
      HttpResponse<String> asJson = member.post("/vote", Map.of("paper", CommunityFixture.LISTED), "Accept", "application/json");
      assertThat(asJson.statusCode()).isEqualTo(503);
      assertThat(asJson.body()).startsWith("{").contains("\"status\":503", "disk is full");

      assertThat(member.get("/").statusCode()).as("the daily page, with no room to write").isEqualTo(200);
      assertThat(member.get("/papers/" + CommunityFixture.LISTED).statusCode()).isEqualTo(200);
      assertThat(member.get("/search?q=diphoton").statusCode()).isEqualTo(200);
      assertThat(votes(f)).isZero();
      if (kind.equals("sqlite")) { // PostgreSQL's tablespace is full here, not the data directory's disk
        assertThat(member.get("/health").body()).contains("\"status\":\"degraded\"", "\"disk\":\"full\"");
      }

      disk.free();
      HttpResponse<String> taken = member.post("/vote", Map.of("paper", CommunityFixture.LISTED));
      assertThat(taken.statusCode()).as(taken.body()).isLessThan(400);
      assertThat(votes(f)).as("the vote, once").isEqualTo(1);
      assertThat(member.get("/health").body()).contains("\"status\":\"ok\"", "\"disk\":\"ok\"");
    }
  }

  private static long votes(CommunityFixture f) {
    return f.app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM votes").mapTo(Long.class).one());
  }
}
