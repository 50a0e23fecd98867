package org.paperboy.paper;

/** Text that is not an arXiv identifier; the message quotes it so a user can see what was wrong. */
public final class InvalidArxivIdException extends IllegalArgumentException {
  public InvalidArxivIdException(String text) {
    super("'" + text + "' is not an arXiv id (expected e.g. 2401.01234, 2401.01234v2 or hep-th/9901001)");
  }
}
