package org.paperboy.trending;

/** A daily-papers feed that cannot be read: the message says which file, where and why. */
public final class DailyFeedException extends RuntimeException {
  public DailyFeedException(String message) {
    super(message);
  }

  public DailyFeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
