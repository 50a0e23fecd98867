package org.paperboy.web;

/** Something the URL names that Paperboy does not have: answered with 404 and this message. */
final class NotFound extends RuntimeException {
  NotFound(String message) {
    super(message, null, false, false);
  }
}
