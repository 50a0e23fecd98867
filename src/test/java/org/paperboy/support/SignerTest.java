package org.paperboy.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A signature has one spelling: variants that decode to the same bytes do not verify. */
class SignerTest {
  private final Signer signer = new Signer(new byte[32]);

  @Test
  void onlyTheCanonicalSpellingOfASignatureVerifies() {
    String signed = signer.sign("s2:token");
    assertThat(signer.verify(signed)).hasValue("s2:token");
    String payload = signed.substring(0, signed.lastIndexOf('.') + 1), signature = signed.substring(signed.lastIndexOf('.') + 1);
    byte[] bytes = Base64.getUrlDecoder().decode(signature);

    assertThat(signer.verify(payload + signature + "=")).as("with padding").isEmpty();
    // 32 bytes are 43 characters; the last carries 2 unused bits: its neighbours decode to the same bytes
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(signature.charAt(signature.length() - 1));
    int variants = 0;
    for (int bits = 0; bits < 4; bits++) {
      char c = alphabet.charAt((last & ~3) | bits);
      String spelled = signature.substring(0, signature.length() - 1) + c;
      if (spelled.equals(signature)) continue;
      assertThat(Base64.getUrlDecoder().decode(spelled)).as("decodes alike").isEqualTo(bytes);
      assertThat(signer.verify(payload + spelled)).as("variant %s", spelled).isEmpty();
      variants++;
    }
    assertThat(variants).isEqualTo(3);
    assertThat(signer.verify(payload + Base64.getEncoder().encodeToString(bytes))).as("standard, not URL-safe, base64").isEmpty();
  }

  @Test
  void aSignatureAloneIsTheTailOfTheSignedStringAndSignsOnlyItsPayload() {
    String signed = signer.sign("follow:7:0");
    String signature = signer.signatureOf("follow:7:0");
    assertThat(signed).isEqualTo("follow:7:0." + signature);
    assertThat(signer.signs("follow:7:0", signature)).isTrue();
    assertThat(signer.signs("follow:7:1", signature)).as("another generation").isFalse();
    assertThat(signer.signs("for-you:7:0", signature)).as("another kind of link").isFalse();
    assertThat(signer.signs("follow:7:0", signature + "A")).isFalse();
    assertThat(signer.signs("follow:7:0", null)).isFalse();
    assertThat(new Signer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
        23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).signs("follow:7:0", signature)).as("another key").isFalse();
  }
}
