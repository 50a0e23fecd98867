package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperTextTest {
  @Test
  void joinsHardWrappedLinesAndKeepsParagraphs() {
    String raw = "  A fully differential calculation is\npresented for $\\alpha < 1$ & more.\n  A second\nparagraph.\n";
    assertThat(PaperText.paragraphs(raw))
        .isEqualTo("A fully differential calculation is presented for $\\alpha < 1$ & more.\n\nA second paragraph.");
  }

  @Test
  void aBlankOrIndentedLineStartsAParagraphEvenAfterTheFirstLine() {
    assertThat(PaperText.paragraphs("Line one\n  Line two\ncontinued")).isEqualTo("Line one\n\nLine two continued");
    assertThat(PaperText.paragraphs("One\n\n\nTwo\t three ")).isEqualTo("One\n\nTwo three");
    assertThat(PaperText.paragraphs("   \n ")).isEmpty();
    assertThat(PaperText.paragraphs("no breaks at all")).isEqualTo("no breaks at all");
  }

  @Test
  void titlesBecomeOneLine() {
    assertThat(PaperText.line("Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies"))
        .isEqualTo("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
    assertThat(PaperText.line("  a\u00a0 b\r\n")).isEqualTo("a b");
    assertThat(PaperText.line("   ")).isNull();
  }

  @Test
  void splitsAuthorLinesInOrder() {
    assertThat(AuthorNames.parse("Ileana Streinu and Louis Theran"))
        .containsExactly(new Author("Streinu", "Ileana", ""), new Author("Theran", "Louis", ""));
    assertThat(AuthorNames.parse("Roldao da Rocha, Waldyr A. Rodrigues Jr"))
        .containsExactly(new Author("Rocha", "Roldao da", ""), new Author("Rodrigues", "Waldyr A.", "Jr"));
    assertThat(AuthorNames.parse("A. Smith (MIT), B. Jones, and C. Doe"))
        .extracting(Author::lastName).isEqualTo(List.of("Smith", "Jones", "Doe"));
  }
}
