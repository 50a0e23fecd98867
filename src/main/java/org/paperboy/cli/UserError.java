package org.paperboy.cli;

/** A command used wrongly in a way picocli cannot see (a missing file, say): a message, exit code 1. */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
