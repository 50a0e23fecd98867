package org.paperboy.support;

import java.time.Duration;
import java.util.Objects;

/**
 * The one way a feature says no: a {@link Kind} and a message the user can act on (naming the field,
 * flag or thing that was wrong), and for {@link Kind#TOO_MANY} when trying again makes sense. Features
 * throw it; the web maps the kind to an HTTP status in one place, the CLI to a line on stderr and an
 * exit code in one place. It carries no stack trace: it is an answer, not a bug.
 */
public final class Refusal extends RuntimeException {
  /** Why the answer is no; each layer decides once how to say it (a status, an exit code). */
  public enum Kind {
    /** The input cannot be used as given (a malformed date, an unknown flag value, text too long). */
    BAD_INPUT,
    /** What was named does not exist here. */
    NOT_FOUND,
    /** Whoever asked may not do this. */
    FORBIDDEN,
    /** It clashes with what is already there (already listed, in use by another process). */
    CONFLICT,
    /** Too many requests; {@link #retryAfter()} says when to try again. */
    TOO_MANY,
    /** Something this depends on (arXiv, a file, the network) failed or is not there right now. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final Duration retryAfter;

  private Refusal(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause, false, false);
    this.kind = Objects.requireNonNull(kind);
    this.retryAfter = retryAfter;
  }

  public static Refusal badInput(String message) {
    return new Refusal(Kind.BAD_INPUT, message, null, null);
  }

  public static Refusal notFound(String message) {
    return new Refusal(Kind.NOT_FOUND, message, null, null);
  }

  public static Refusal forbidden(String message) {
    return new Refusal(Kind.FORBIDDEN, message, null, null);
  }

  public static Refusal conflict(String message) {
    return new Refusal(Kind.CONFLICT, message, null, null);
  }

  /** Too many requests: the message says so, and {@code retryAfter} when the next one will be allowed. */
  public static Refusal tooMany(String message, Duration retryAfter) {
    return new Refusal(Kind.TOO_MANY, message, Objects.requireNonNull(retryAfter), null);
  }

  public static Refusal unavailable(String message) {
    return new Refusal(Kind.UNAVAILABLE, message, null, null);
  }

  /** As {@link #unavailable(String)}, keeping the underlying failure for the log. */
  public static Refusal unavailable(String message, Throwable cause) {
    return new Refusal(Kind.UNAVAILABLE, message, null, cause);
  }

  /** As {@link #badInput(String)}, keeping the underlying failure for the log. */
  public static Refusal badInput(String message, Throwable cause) {
    return new Refusal(Kind.BAD_INPUT, message, null, cause);
  }

  /** The same refusal with another message (a prefix naming the line or field, say). */
  public Refusal withMessage(String message) {
    return new Refusal(kind, message, retryAfter, getCause());
  }

  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#TOO_MANY}: how long until trying again makes sense; null otherwise. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter()} in whole seconds, rounded up and at least 1: the one rounding for Retry-After and messages. */
  public long retryAfterSeconds() {
    return retryAfter == null ? 0 : seconds(retryAfter);
  }

  /** A wait in whole seconds, rounded up and at least 1, so "try again in N s" is never too early. */
  public static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
