package org.paperboy.mail;

/** Hands one mail to the outside world. Implementations: {@link SmtpTransport}, {@link LogTransport}. */
public interface MailTransport extends AutoCloseable {
  void send(QueuedMail mail) throws MailException;

  @Override
  default void close() {}
}
