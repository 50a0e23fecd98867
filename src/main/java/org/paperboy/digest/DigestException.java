package org.paperboy.digest;

import java.time.Duration;

/** An expected refusal in subscribing or managing a digest; {@code status} is the HTTP status the web answers with. */
public final class DigestException extends RuntimeException {
  private final int status;
  private final Duration retryAfter;

  public DigestException(int status, String message) {
    this(status, message, null);
  }

  public DigestException(int status, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
