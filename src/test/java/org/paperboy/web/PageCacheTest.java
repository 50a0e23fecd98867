package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page cache, over a fixture of its own: these tests change the data the shared one must keep. */
class PageCacheTest {
  @TempDir static Path dir;
  static WebFixture web;

  @BeforeAll
  static void start() {
    web = new WebFixture("sqlite", dir, false);
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void cachedPagesFollowTheDataWithinASecondOfAnImport() throws Exception {
    assertThat(web.get("/api/papers/2405.15738").body()).contains("\"upvotes\":32");
    String before = web.get("/?date=2024-05-27").body();
    assertThat(before).contains("<span class=\"count\">32</span>");
    Path more = Files.writeString(dir.resolve("later.jsonl"), "{\"listing_date\": \"2024-05-27\", \"arxiv_id\": \"2405.15738\","
        + " \"title\": \"ConvLLaVA\", \"upvotes\": 40, \"num_comments\": 5}\n");
    web.app.dailyFeedImporter().importFile(more, r -> {});
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(web.get("/api/papers/2405.15738").body()).contains("\"upvotes\":40");
      assertThat(web.get("/?date=2024-05-27").body()).contains("<span class=\"count\">40</span>");
    });
  }

  @Test
  void anAnonymousCachedHomeStillHandsOutTheVisitCookie() {
    web.get("/");
    assertThat(web.get("/").headers().firstValue("set-cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("pb_visit="));
  }
}
