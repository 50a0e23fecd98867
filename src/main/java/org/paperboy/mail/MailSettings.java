package org.paperboy.mail;

import java.time.Duration;

/**
 * How to reach the SMTP server. With no host, mail is not sent but written to the log (loudly), so a
 * laptop instance works without a mail server.
 *
 * @param sendsPerSecond the most mails handed to SMTP per second (a provider's limit)
 * @param lease how long a sender's claim on a mail lasts: if it dies, another sender (or its restart)
 *     may send that mail once the lease is over
 */
public record MailSettings(String host, int port, boolean startTls, String username, String password,
    String from, double sendsPerSecond, int maxAttempts, Duration firstRetryDelay, Duration lease) {
  /** Attempts before a temporarily failing mail is given up on; the waits between them double from {@link #FIRST_RETRY}. */
  public static final int MAX_ATTEMPTS = 8;
  public static final Duration FIRST_RETRY = Duration.ofMinutes(1);

  public MailSettings {
    if (port <= 0 || port > 65535) throw new IllegalArgumentException("SMTP port must be 1–65535, not " + port);
    if (from == null || from.isBlank() || !from.contains("@")) {
      throw new IllegalArgumentException("the sender address (--mail-from) must be an email address, not '" + from + "'");
    }
    if (sendsPerSecond <= 0) throw new IllegalArgumentException("--mail-rate must be above 0");
    if (maxAttempts < 1) throw new IllegalArgumentException("max attempts must be at least 1");
    if (lease == null || lease.toSeconds() < 1) throw new IllegalArgumentException("--mail-lease must be at least 1 second");
  }

  public static MailSettings logOnly(String from) {
    return new MailSettings(null, 25, false, null, null, from, 10, MAX_ATTEMPTS, FIRST_RETRY, Duration.ofMinutes(2));
  }

  public boolean smtpConfigured() {
    return host != null && !host.isBlank();
  }

  public MailSettings withHost(String newHost, int newPort) {
    return new MailSettings(newHost, newPort, startTls, username, password, from, sendsPerSecond, maxAttempts, firstRetryDelay,
        lease);
  }

  @Override
  public String toString() {
    // never print the password
    return smtpConfigured()
        ? "smtp://" + (username == null ? "" : username + "@") + host + ":" + port + (startTls ? " (STARTTLS)" : "")
        : "no SMTP server (mail is written to the log)";
  }
}
