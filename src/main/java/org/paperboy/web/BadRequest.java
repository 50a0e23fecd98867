package org.paperboy.web;

/** A request the client can fix (a malformed date, a limit out of range): answered with 400 and this message. */
final class BadRequest extends RuntimeException {
  BadRequest(String message) {
    super(message, null, false, false);
  }
}
