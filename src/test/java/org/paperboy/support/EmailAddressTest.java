package org.paperboy.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void anAddressIsStoredTrimmedAndLowerCasedSoTwoSpellingsAreOnePerson() {
    assertThat(EmailAddress.require("  Ada.Lovelace@Example.ORG ")).isEqualTo("ada.lovelace@example.org");
    assertThat(EmailAddress.require("ada.lovelace@example.org")).isEqualTo(EmailAddress.require("ADA.LOVELACE@EXAMPLE.ORG"));
  }

  @Test
  void textThatIsNotAnAddressIsRefusedAsBadInputQuotingWhatWasTyped() {
    for (String text : new String[] {null, "", "ada", "@example.org", "ada@", "ada@example", "a@b@example.org",
        "ada lovelace@example.org", "<ada@example.org>", "ada@example.org,bob@example.org", "a".repeat(250) + "@x.org"}) {
      Refusal refused = catchThrowableOfType(Refusal.class, () -> EmailAddress.require(text));
      assertThat(refused).as("'%s' should be refused", text).isNotNull();
      assertThat(refused.kind()).isEqualTo(Refusal.Kind.BAD_INPUT);
      assertThat(refused.getMessage()).isEqualTo("'" + (text == null ? "" : text.strip()) + "' is not an email address");
    }
  }
}
