package org.paperboy.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.code.CodeLink.Kind;

/** Code links found in real arXiv abstracts and comments (snippets quoted from the 2025–2026 corpus). */
class CodeLinkExtractorTest {
  private static CodeLink github(String repo) {
    return new CodeLink(Kind.GITHUB, "https://github.com/" + repo, repo);
  }

  @Test
  void latexUrlCommandsAndSentencePunctuationAreNotPartOfTheLink() {
    // 2503.17966 and 2503.13881
    assertThat(CodeLinkExtractor.extract("The code and dataset are publicly available at\n\\url{https://github.com/lwCVer/RRSHID}.",
        "ICLR 2025, Code and dataset are available at\n  \\url{https://github.com/jdg900/MMR}"))
        .containsExactly(github("lwCVer/RRSHID"), github("jdg900/MMR"));
    assertThat(CodeLinkExtractor.extract("Our code is available at https://github.com/ubc-3d-vision-lab/StyleMorpheus."))
        .containsExactly(github("ubc-3d-vision-lab/StyleMorpheus"));
  }

  @Test
  void linksWithoutASchemeAndInsideParenthesesAreFound() {
    // 2503.12460, 2503.16591, 2503.18382
    assertThat(CodeLinkExtractor.extract("Code will be at github.com/Xu3XiWang/CAD-GD.")).containsExactly(github("Xu3XiWang/CAD-GD"));
    assertThat(CodeLinkExtractor.extract("Code and models are available at\ngithub.com/lpiccinelli-eth/unik3d ."))
        .containsExactly(github("lpiccinelli-eth/unik3d"));
    assertThat(CodeLinkExtractor.extract("available at\nPaddleOCR(https://github.com/PaddlePaddle/PaddleOCR) and\n"
        + "PaddleX(https://github.com/PaddlePaddle/PaddleX)."))
        .containsExactly(github("PaddlePaddle/PaddleOCR"), github("PaddlePaddle/PaddleX"));
    assertThat(CodeLinkExtractor.extract("Code:https://github.com/theEricMa/TriplaneTurbo.\n"
        + "  Demo:https://huggingface.co/spaces/ZhiyuanthePony/TriplaneTurbo"))
        .containsExactly(github("theEricMa/TriplaneTurbo"), new CodeLink(Kind.HF_SPACE,
            "https://huggingface.co/spaces/ZhiyuanthePony/TriplaneTurbo", "ZhiyuanthePony/TriplaneTurbo"));
  }

  @Test
  void subPathsWwwAndDotGitNameTheSameRepositoryOnce() {
    assertThat(CodeLinkExtractor.extract("See https://www.github.com/sremedios/eclare. and "
        + "https://github.com/sremedios/eclare/tree/main/src and git clone https://github.com/sremedios/eclare.git"))
        .containsExactly(new CodeLink(Kind.GITHUB, "https://github.com/sremedios/eclare", "sremedios/eclare"));
  }

  @Test
  void gitlabHuggingFaceOtherCodeHostsAndProjectPagesAreTold() {
    assertThat(CodeLinkExtractor.extract("the community (https://gitlab.com/nativqa/nativqa-framework).",
        "https://gitlab.com/group/sub/project/-/tree/main"))
        .containsExactly(new CodeLink(Kind.GITLAB, "https://gitlab.com/nativqa/nativqa-framework", "nativqa/nativqa-framework"),
            new CodeLink(Kind.GITLAB, "https://gitlab.com/group/sub/project", "group/sub/project"));
    assertThat(CodeLinkExtractor.extract("open-sourced, available at https://huggingface.co/ZTss/LONG1.",
        "data: https://huggingface.co/datasets/fatdove/Iris_Database"))
        .containsExactly(new CodeLink(Kind.HF_MODEL, "https://huggingface.co/ZTss/LONG1", "ZTss/LONG1"),
            new CodeLink(Kind.HF_DATASET, "https://huggingface.co/datasets/fatdove/Iris_Database", "fatdove/Iris_Database"));
    assertThat(CodeLinkExtractor.extract("Our\ncode is in https://anonymous.4open.science/r/EHNet."))
        .containsExactly(new CodeLink(Kind.CODE, "https://anonymous.4open.science/r/EHNet", null));
    assertThat(CodeLinkExtractor.extract("Project page: https://taco-group.github.io/DecAlign/ and code at "
        + "https://github.com/taco-group/DecAlign. Also https://taco-group.github.io/DecAlign"))
        .containsExactly(new CodeLink(Kind.PROJECT, "https://taco-group.github.io/DecAlign", null), github("taco-group/DecAlign"));
  }

  @Test
  void papersPublishersLicencesAndVideosAreNotProjectPages() {
    assertThat(CodeLinkExtractor.extract("Extends https://arxiv.org/abs/2401.01234 (doi https://doi.org/10.1145/1234),"
        + " licence https://creativecommons.org/licenses/by/4.0/, video https://youtu.be/abc, paper page"
        + " https://huggingface.co/papers/2503.01234 and https://openreview.net/forum?id=x")).isEmpty();
    assertThat(CodeLinkExtractor.extract(null, "", "no links here: github is a word, e.g. github.com alone")).isEmpty();
  }

  @Test
  void aPaperCodeSinglesOutTheFieldsOfThePublicApi() {
    PaperCode code = new PaperCode(CodeLinkExtractor.extract("Project: https://a.github.io/x Demo: "
        + "https://huggingface.co/spaces/a/x Code: https://github.com/A/X"));
    assertThat(code.githubRepo()).contains(github("A/X"));
    assertThat(code.projectPage().map(CodeLink::url)).contains("https://a.github.io/x");
    assertThat(code.code()).as("GitHub first, wherever it stands").contains(github("A/X"));
    assertThat(code.githubKey()).contains("a/x");
    assertThat(new PaperCode(List.of(new CodeLink(Kind.HF_SPACE, "https://huggingface.co/spaces/a/x", "a/x"))).code()
        .map(CodeLink::kind)).contains(Kind.HF_SPACE);
  }
}
