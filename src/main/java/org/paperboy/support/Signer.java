package org.paperboy.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs short strings with HMAC-SHA256 so they can travel in cookies and links and come back
 * unforged. Signatures are compared in constant time.
 */
public final class Signer {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final SecretKeySpec key;

  public Signer(byte[] key) {
    if (key.length < 32) throw new IllegalArgumentException("a signing key needs at least 256 bits");
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** {@code payload.signature}; the payload may itself hold dots (the signature never does). */
  public String sign(String payload) {
    return payload + "." + B64.encodeToString(mac(payload));
  }

  /** The signature alone: for a link whose payload the server knows already (a feed's owner and generation). */
  public String signatureOf(String payload) {
    return B64.encodeToString(mac(payload));
  }

  /** Whether {@code signature} is {@link #signatureOf(String) the signature of} {@code payload}, in constant time. */
  public boolean signs(String payload, String signature) {
    return MessageDigest.isEqual(signatureOf(payload).getBytes(StandardCharsets.UTF_8),
        (signature == null ? "" : signature).getBytes(StandardCharsets.UTF_8));
  }

  /** The payload, if {@code signed} carries a valid signature for it. */
  public Optional<String> verify(String signed) {
    if (signed == null) return Optional.empty();
    int dot = signed.lastIndexOf('.');
    if (dot <= 0) return Optional.empty();
    String payload = signed.substring(0, dot);
    String signature = signed.substring(dot + 1);
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // one spelling per signature: padding, or other values in the last character's unused bits, decode
    // to the same bytes, and a second valid spelling of a token would be a second token
    if (!B64.encodeToString(given).equals(signature)) return Optional.empty();
    return MessageDigest.isEqual(given, mac(payload)) ? Optional.of(payload) : Optional.empty();
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 in hex: how single-use tokens are stored, so a leaked table grants nothing. */
  public static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh random token for links: 256 bits, URL-safe. */
  public static String randomToken() {
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(b);
    return B64.encodeToString(b);
  }
}
