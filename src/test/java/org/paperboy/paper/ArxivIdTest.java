package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.support.Refusal;

class ArxivIdTest {
  @ParameterizedTest
  @CsvSource({
    "2401.01234, 2401.01234, 0",
    "2401.01234v2, 2401.01234, 2",
    "arXiv:2401.01234v3, 2401.01234, 3",
    "https://arxiv.org/abs/2401.01234v1, 2401.01234, 1",
    "http://arxiv.org/pdf/2401.01234v1.pdf, 2401.01234, 1",
    "0704.0001, 0704.0001, 0",
    "hep-th/9901001, hep-th/9901001, 0",
    "hep-th/9901001v2, hep-th/9901001, 2",
    "math.GT/0309136, math/0309136, 0",
    "HEP-TH/9901001, hep-th/9901001, 0",
    "https://arxiv.org/abs/quant-ph/0201082v1, quant-ph/0201082, 1",
    "'  2503.11731 ', 2503.11731, 0",
  })
  void normalisesWhatPeoplePaste(String text, String id, int version) {
    ArxivId.Versioned parsed = ArxivId.parseVersioned(text);
    assertThat(parsed.id().value()).isEqualTo(id);
    assertThat(parsed.version()).isEqualTo(version);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "0000.0000", "2413.01234", "2401.1234", "1401.12345", "hep-th/99010", "2401.01234v0", "2401.01234x"})
  void rejectsWhatIsNotAnId(String text) {
    assertThatThrownBy(() -> ArxivId.parse(text))
        .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.kind()).isEqualTo(Refusal.Kind.BAD_INPUT))
        .hasMessageContaining("'" + text + "'");
  }

  @org.junit.jupiter.api.Test
  void knowsOldStyleAndLinks() {
    assertThat(ArxivId.parse("hep-th/9901001").isOldStyle()).isTrue();
    assertThat(ArxivId.parse("2401.01234").isOldStyle()).isFalse();
    assertThat(ArxivId.parse("2401.01234").absUrl()).isEqualTo("https://arxiv.org/abs/2401.01234");
  }
}
