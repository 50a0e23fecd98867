package org.paperboy.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.TestData;
import org.paperboy.code.CodeLink.Kind;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;

/** Code links follow the papers' text in the store, and a daily-papers feed adds the links it names. */
class CodeLinksTest {
  @TempDir Path dir;


  /** The first 2,500 real records of the 2025–2026 corpus (574 of the first 3,000 mention github.com). */
  private Path corpusHead() throws Exception {
    Path file = dir.resolve("head.jsonl");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(TestData.path("arxiv/cs-2025-2026.jsonl.gz"))), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < 2_500; i++) {
        out.write(in.readLine());
        out.newLine();
      }
    }
    return file;
  }

  @StoreKinds
  void linksAreExtractedFromImportedTextAndFollowItsChanges(String kind) throws Exception {
    try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)))) {
      app.snapshotImporter().importFile(corpusHead(), true, false, r -> {});
      assertThat(app.codeLinks().catchUp()).isEqualTo(2_500);
      assertThat(app.codeLinks().catchUp()).as("nothing new the second time").isZero();

      // the code link in the comments, inside a LaTeX url command
      PaperCode mmr = app.codeLinks().of(ArxivId.parse("2503.13881"));
      assertThat(mmr.githubRepo().map(CodeLink::url)).contains("https://github.com/jdg900/MMR");
      // an anonymous code host and a Space next to a repository
      assertThat(app.codeLinks().of(ArxivId.parse("2503.12061")).code().map(CodeLink::kind)).contains(Kind.CODE);
      assertThat(app.codeLinks().of(ArxivId.parse("2503.21694")).links()).extracting(CodeLink::kind)
          .containsExactly(Kind.GITHUB, Kind.HF_SPACE);

      // a new version of the text moves the link
      Paper p = app.papers().find(ArxivId.parse("2503.13881")).orElseThrow();
      app.papers().upsert(List.of(new Paper(p.id(), p.latestVersion() + 1, p.title(), p.abstractText(), p.authorsLine(),
          p.authors(), p.categories(), "Code moved to https://gitlab.com/jdg900/mmr-v2.", p.journalRef(), p.doi(),
          p.reportNo(), p.license(), p.submitter(), p.versions(), p.firstSubmitted(), p.lastUpdated(), p.announcedOn())));
      assertThat(app.codeLinks().catchUp()).isEqualTo(1);
      assertThat(app.codeLinks().of(p.id()).links())
          .containsExactly(new CodeLink(Kind.GITLAB, "https://gitlab.com/jdg900/mmr-v2", "jdg900/mmr-v2"));

      long withGithub = app.database().jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(DISTINCT paper_id) FROM code_links WHERE kind = 'github'").mapTo(Long.class).one());
      assertThat(withGithub).as("papers with a GitHub link among the first 2,500").isBetween(400L, 500L);
    }
  }

  @StoreKinds
  void aDailyPapersFeedAddsTheRepositoryAndProjectPageItNames(String kind) throws Exception {
    try (Paperboy app = Paperboy.open(new Config(dir.resolve("data"), TestDatabases.freshUrl(kind, dir)))) {
      app.dailyFeedImporter().importFile(TestData.path("hf-daily-papers/raw-api-examples/2026-08-14.json"), r -> {});
      app.codeLinks().catchUp();
      // DreamX-Phi's abstract only promises code; the feed names the repository
      PaperCode dreamx = app.codeLinks().of(ArxivId.parse("2608.13489"));
      assertThat(dreamx.githubRepo().map(CodeLink::url)).contains("https://github.com/AMAP-ML/DreamX-Phi");
      assertThat(dreamx.projectPage()).isEmpty();
      PaperCode router = app.codeLinks().of(ArxivId.parse("2608.06867"));
      assertThat(router.githubRepo().map(CodeLink::url)).contains("https://github.com/ulab-uiuc/LLMRouter");
      assertThat(router.projectPage().map(CodeLink::url)).contains("https://ulab-uiuc.github.io/LLMRouter");
      // importing the same day again changes nothing
      app.dailyFeedImporter().importFile(TestData.path("hf-daily-papers/raw-api-examples/2026-08-14.json"), r -> {});
      assertThat(app.codeLinks().of(ArxivId.parse("2608.06867")).links()).hasSize(router.links().size());
      assertThat(app.codeLinks().githubReposOfRecentPapers(LocalDate.parse("2026-08-01"), 100))
          .contains("amap-ml/dreamx-phi", "ulab-uiuc/llmrouter").hasSizeGreaterThanOrEqualTo(14);
    }
  }
}
