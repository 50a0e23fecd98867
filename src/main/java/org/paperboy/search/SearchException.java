package org.paperboy.search;

/** An expected search failure (a query that cannot be understood, say), with a message a user can act on. */
public final class SearchException extends RuntimeException {
  public SearchException(String message) {
    super(message);
  }

  public SearchException(String message, Throwable cause) {
    super(message, cause);
  }
}
