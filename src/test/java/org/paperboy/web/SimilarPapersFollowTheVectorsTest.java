package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.paperboy.db.StoreKinds;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.VectorTier;

/**
 * A paper's cached page and similar-papers answer are rendered again once the index has a better
 * vector of that paper (none → static → full), though no paper, list or code link changed; other
 * papers' cached pages stay cached meanwhile.
 */
class SimilarPapersFollowTheVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The paper whose vectors arrive while its page is cached. */
  private static final String PAPER = "0704.0002";
  /** Its nearest paper by its static vector, and by its full one. */
  private static final String NEAR_STATIC = "0704.0003";
  private static final String NEAR_FULL = "0704.0004";
  /** A neighbour of {@link #NEAR_FULL}, so that paper has a page by meaning before {@link #PAPER} has any vector. */
  private static final String OTHER = "0704.0005";

  @StoreKinds
  void aCachedPaperPageFollowsItsOwnVectorFromWordsToMeaning(String kind) throws Exception {
    try (WebFixture web = new WebFixture(kind, null, false)) {
      EmbeddingStore store = new EmbeddingStore(web.app.database());
      EmbeddingModel model = web.app.search().model();
      int dims = model.dimensions();
      write(web, store, model, VectorTier.FULL, List.of(NEAR_STATIC, NEAR_FULL, OTHER),
          List.of(unit(dims, 1, 0, 0), unit(dims, 0, 1, 0), unit(dims, 0, 1, 0.5)));

      HttpResponse<String> page = web.get("/papers/" + PAPER + "v1");
      assertThat(page.body()).as("no vector yet: its similar papers by words").contains("Ranked by words only");
      assertThat(web.get("/papers/" + PAPER + ".md").body()).contains("Ranked by words only");
      assertThat(bases(web.get("/api/papers/" + PAPER + "/similar"))).isNotEmpty().containsOnly("words");
      HttpResponse<String> other = web.get("/papers/" + NEAR_FULL);
      assertThat(other.body()).contains("Ranked by meaning").doesNotContain(link(PAPER));
      String otherTag = other.headers().firstValue("etag").orElseThrow();

      write(web, store, model, VectorTier.STATIC, List.of(PAPER), List.of(unit(dims, 1, 0.2, 0)));
      HttpResponse<String> byStatic = web.get("/papers/" + PAPER + "v1");
      assertThat(byStatic.body()).as("its static vector arrived: the cached page by words is rendered again")
          .contains("Ranked by meaning").doesNotContain("Ranked by words");
      assertThat(byStatic.headers().firstValue("etag")).isNotEqualTo(page.headers().firstValue("etag"));
      assertThat(web.get("/papers/" + PAPER + ".md").body()).contains("Ranked by meaning");
      JsonNode similar = JSON.readTree(web.get("/api/papers/" + PAPER + "/similar").body());
      assertThat(bases(similar)).isNotEmpty().containsOnly("meaning");
      assertThat(similar.get(0).path("id").asText()).isEqualTo(NEAR_STATIC);
      assertThat(byStatic.body().indexOf(link(NEAR_STATIC))).isLessThan(byStatic.body().indexOf(link(NEAR_FULL)));

      write(web, store, model, VectorTier.FULL, List.of(PAPER), List.of(unit(dims, 0.1, 1, 0)));
      String byFull = web.get("/papers/" + PAPER + "v1").body();
      assertThat(byFull.indexOf(link(NEAR_FULL))).as("its full vector arrived: the page is rendered by it")
          .isLessThan(byFull.indexOf(link(NEAR_STATIC)));
      assertThat(JSON.readTree(web.get("/api/papers/" + PAPER + "/similar").body()).get(0).path("id").asText())
          .isEqualTo(NEAR_FULL);

      // The other paper's own vector did not change: its page is still the cached one, although a render
      // now would list the paper that just came near it (as one for a returning visitor does).
      HttpResponse<String> otherAgain = web.get("/papers/" + NEAR_FULL);
      assertThat(otherAgain.headers().firstValue("etag")).hasValue(otherTag);
      assertThat(otherAgain.body()).isEqualTo(other.body());
      assertThat(web.get("/papers/" + NEAR_FULL, "Cookie", "pb_visit=1:1").body()).contains(link(PAPER));

      // an old-style id names its paper on these routes too
      String oldStyle = "/api/papers/" + WebFixture.OLD_STYLE_ID + "/similar";
      assertThat(bases(web.get(oldStyle))).doesNotContain("meaning");
      write(web, store, model, VectorTier.FULL, List.of(WebFixture.OLD_STYLE_ID), List.of(unit(dims, 1, 0, 0.1)));
      assertThat(bases(web.get(oldStyle))).isNotEmpty().containsOnly("meaning");
    }
  }

  /**
   * A paper that had its vector while few others had one lists the few it could find; as the embedding
   * pass gives many more papers theirs (its own vector unchanged, no data changed), its cached page and
   * similar-papers answer are rendered again with the nearer paper and the new share, once the share passes
   * a whole percent, and are served from the cache, the same bytes, between those steps.
   */
  @StoreKinds
  void aCachedPaperPageFollowsTheOtherPapersVectorsByTheWholePercent(String kind) throws Exception {
    try (WebFixture web = new WebFixture(kind, null, false)) {
      EmbeddingStore store = new EmbeddingStore(web.app.database());
      EmbeddingModel model = web.app.search().model();
      int dims = model.dimensions();
      String far = OTHER;
      write(web, store, model, VectorTier.FULL, List.of(PAPER, far), List.of(unit(dims, 1, 0, 0), unit(dims, 0.3, 0, 1)));

      HttpResponse<String> first = web.get("/papers/" + PAPER);
      assertThat(first.body()).contains("Ranked by meaning (meaning: under 1% of papers so far)")
          .contains(link(far)).doesNotContain(link(NEAR_FULL));
      String tag = first.headers().firstValue("etag").orElseThrow();
      assertThat(JSON.readTree(web.get("/api/papers/" + PAPER + "/similar").body()).get(0).path("id").asText()).isEqualTo(far);

      List<String> fillers = web.app.papers().listed(0, 2_000).stream().map(l -> l.id().value())
          .filter(id -> !List.of(PAPER, NEAR_STATIC, NEAR_FULL, OTHER, WebFixture.OLD_STYLE_ID).contains(id)).toList();
      // one more vector elsewhere, the share still under 1%: the cached page, the same bytes
      write(web, store, model, VectorTier.FULL, fillers.subList(0, 1), List.of(elsewhere(dims, 0)));
      HttpResponse<String> again = web.get("/papers/" + PAPER);
      assertThat(again.headers().firstValue("etag")).hasValue(tag);
      assertThat(again.body()).isEqualTo(first.body());

      // the pass goes on: the nearer paper and enough others to pass 2% get their vectors
      int papers = web.app.search().coverage().papers();
      int more = papers / 50;
      assertThat(more).as("enough papers to pass a percent").isLessThan(fillers.size());
      List<float[]> vectors = new ArrayList<>(List.of(unit(dims, 1, 0.1, 0)));
      for (int i = 1; i <= more; i++) vectors.add(elsewhere(dims, i));
      List<String> ids = new ArrayList<>(List.of(NEAR_FULL));
      ids.addAll(fillers.subList(1, more + 1));
      write(web, store, model, VectorTier.FULL, ids, vectors);
      int percent = (int) Math.floor(100.0 * web.app.search().coverage().withVector() / papers);
      assertThat(percent).isGreaterThanOrEqualTo(2);

      HttpResponse<String> better = web.get("/papers/" + PAPER);
      assertThat(better.headers().firstValue("etag")).isNotEqualTo(Optional.of(tag));
      assertThat(better.body()).as("rendered again with the nearer paper and the share now")
          .contains("Ranked by meaning (meaning: " + percent + "% of papers so far)");
      assertThat(better.body().indexOf(link(NEAR_FULL))).isNotNegative().isLessThan(better.body().indexOf(link(far)));
      assertThat(web.get("/papers/" + PAPER + ".md").body()).contains("meaning: " + percent + "% of papers so far");
      assertThat(JSON.readTree(web.get("/api/papers/" + PAPER + "/similar").body()).get(0).path("id").asText())
          .isEqualTo(NEAR_FULL);
      HttpResponse<String> cached = web.get("/papers/" + PAPER);
      assertThat(cached.headers().firstValue("etag")).isEqualTo(better.headers().firstValue("etag"));
      assertThat(cached.body()).isEqualTo(better.body());
    }
  }

  /** Writes these papers' vectors of this tier to the store, and lets the index catch up, as serve's follower does. */
  private static void write(WebFixture web, EmbeddingStore store, EmbeddingModel model, VectorTier tier, List<String> ids,
      List<float[]> vectors) {
    List<Paper> papers = ids.stream().map(id -> web.app.papers().find(ArxivId.parse(id)).orElseThrow()).toList();
    store.put(model, tier, papers, vectors.toArray(float[][]::new));
    web.app.search().catchUp();
  }

  /** A unit vector along the first three axes. */
  private static float[] unit(int dims, double x, double y, double z) {
    float[] v = new float[dims];
    double norm = Math.sqrt(x * x + y * y + z * z);
    v[0] = (float) (x / norm);
    v[1] = (float) (y / norm);
    v[2] = (float) (z / norm);
    return v;
  }

  /** A unit vector along axis {@code 3 + i} (wrapping): unlike the papers above, and unlike its fellows. */
  private static float[] elsewhere(int dims, int i) {
    float[] v = new float[dims];
    v[3 + i % (dims - 3)] = 1;
    return v;
  }

  private static String link(String id) {
    return "href=\"/papers/" + id + "\"";
  }

  private static List<String> bases(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    return bases(JSON.readTree(response.body()));
  }

  private static List<String> bases(JsonNode similar) {
    return Stream.iterate(0, i -> i < similar.size(), i -> i + 1).map(i -> similar.get(i).path("basis").asText()).toList();
  }
}
