package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.paperboy.db.StoreKinds;

/** Papers and days as Markdown, for agents and readers: /papers/{id}.md, Accept: text/markdown, /api/daily_papers.md. */
@StoreKinds
class MarkdownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static LivingWeb living;
  static WebFixture web;

  /** The store this run of the class is on ({@code @StoreKinds}); {@link #start} is given it too. */
  @Parameter String kind;

  @BeforeParameterizedClassInvocation
  static void start(String kind) {
    living = LivingWeb.shared(kind);
    web = living.web();
  }

  @Test
  void aPaperReadsAsMarkdownWithItsLinksCountsCodeAndAbstract() {
    HttpResponse<String> r = web.get("/papers/2608.13489.md");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("text/markdown; charset=utf-8");
    String base = living.site("");
    assertThat(r.body()).startsWith("# DreamX-Phi 1.0: Action-Conditioned Video World Model for Robotic Manipulation\n\n"
        + "- **Authors:** DreamX Team, Rui Chen, Xiangxiang Chu, Geng Li,")
        .contains("- **arXiv:** [2608.13489](https://arxiv.org/abs/2608.13489) · [PDF](https://arxiv.org/pdf/2608.13489) · "
            + "[Paperboy](" + base + "/papers/2608.13489)\n")
        .contains("- **Upvotes:** 61 · **Comments:** 2\n", "- **On the daily list:** 2026-08-14\n")
        .contains("- **Code:** [GitHub AMAP-ML/DreamX-Phi · 63 stars (+40 this week)](https://github.com/AMAP-ML/DreamX-Phi)")
        .contains("\n## Abstract\n\nWe present DreamX-Phi 1.0, an action-conditioned video world model");
    // an Accept header asks for the same thing at the page's own URL; each is cached apart
    HttpResponse<String> negotiated = web.get("/papers/2608.13489", "Accept", "text/markdown, text/html;q=0.5");
    assertThat(negotiated.body()).isEqualTo(r.body());
    assertThat(negotiated.headers().firstValue("vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept"));
    assertThat(web.get("/papers/2608.13489", "Accept", "text/html").body()).contains("<html lang=\"en\">");
    // stable and cacheable
    String etag = r.headers().firstValue("etag").orElseThrow();
    assertThat(web.get("/papers/2608.13489.md").body()).isEqualTo(r.body());
    assertThat(web.get("/papers/2608.13489.md", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(web.get("/papers/2401.99999.md").statusCode()).isEqualTo(404);
  }

  @Test
  void similarPapersAreListedAndAPapersTextCannotBecomeMarkup() {
    String similar = web.get("/papers/0704.0033.md").body();
    assertThat(similar).contains("\n## Similar papers\n\n- [");
    assertThat(similar.substring(similar.indexOf("## Similar papers")).lines().filter(l -> l.startsWith("- [")).count())
        .isEqualTo(5);
    String evil = web.get("/papers/" + WebFixture.EVIL_ID + ".md").body();
    assertThat(evil).contains("\\<script\\>window.__pwned = 1\\</script\\>");
    // rendered as a Markdown reader renders it, the hostile title, authors and abstract stay text
    String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(evil));
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>")
        .contains("&lt;script&gt;window.__pwned = 1&lt;/script&gt;", "&lt;img src=x onerror=");
    assertThat(web.get("/papers/" + WebFixture.OLD_STYLE_ID + ".md").body())
        .startsWith("# Strings on $AdS_5 \\times S^5$\n");
  }

  @Test
  void aDayIsAMarkdownListOfItsPapers() throws Exception {
    HttpResponse<String> r = web.get("/api/daily_papers.md?date=2026-08-14");
    assertThat(r.headers().firstValue("content-type")).contains("text/markdown; charset=utf-8");
    List<String> items = r.body().lines().filter(l -> l.matches("\\d+\\. \\[.*")).toList();
    JsonNode day = JSON.readTree(web.get("/api/daily_papers?date=2026-08-14&limit=100").body());
    assertThat(r.body()).startsWith("# Daily papers: Friday, 2026-08-14\n\n1. [");
    assertThat(items).hasSize(day.size());
    for (JsonNode item : day) {
      assertThat(r.body()).contains("(" + living.site("/papers/") + item.path("paper").path("id").asText() + ")");
    }
    assertThat(r.body()).contains("   Code: [GitHub AMAP-ML/DreamX-Phi · 63 stars (+40 this week)](https://github.com/AMAP-ML/DreamX-Phi)");
    assertThat(web.get("/api/daily_papers.md?date=2026-08-14").body()).as("the same bytes again").isEqualTo(r.body());
    assertThat(web.get("/api/daily_papers.md?date=2026-08-15").body()).contains("No papers on this list.");
  }
}
