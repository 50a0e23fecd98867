package org.paperboy.community;

import java.time.Duration;

/** An expected refusal, worded for the member; {@link Kind} tells the web which status to answer. */
public final class CommunityException extends RuntimeException {
  public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, RATE_LIMITED }

  private final Kind kind;
  private final Duration retryAfter;

  public CommunityException(Kind kind, String message) {
    this(kind, message, null);
  }

  public CommunityException(Kind kind, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#RATE_LIMITED}: when trying again makes sense. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
