package org.paperboy.mail;

/**
 * Sending failed. {@code permanent} says retrying cannot help (SMTP 5xx: no such mailbox, rejected);
 * otherwise (4xx, a lost connection) the outbox tries again later.
 */
public final class MailException extends Exception {
  private final boolean permanent;

  public MailException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
