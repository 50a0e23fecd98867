package org.paperboy.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With no SMTP server configured, a mail is written to the log instead, so sign-in links still work on a laptop. */
public final class LogTransport implements MailTransport {
  private static final Logger LOG = LoggerFactory.getLogger(LogTransport.class);

  @Override
  public void send(QueuedMail queued) {
    OutgoingMail m = queued.mail();
    LOG.warn("NO SMTP SERVER CONFIGURED: mail to {} not sent, shown here instead.\nSubject: {}\n\n{}",
        m.to(), m.subject(), m.text());
  }
}
