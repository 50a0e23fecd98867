package org.paperboy.cli;

import java.time.Duration;
import org.paperboy.Config;
import org.paperboy.mail.MailSettings;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Option;

/** SMTP settings, for every command that sends mail. Without --smtp-host mail goes to the log. */
public final class MailOptions {
  @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server; without one, mails are written to the log.")
  String host;

  @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "587", description = "SMTP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--smtp-starttls", paramLabel = "true|false", defaultValue = "true", arity = "1",
      description = "Require STARTTLS (default: ${DEFAULT-VALUE}).")
  boolean startTls;

  @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP user name, if the server wants one.")
  String user;

  @Option(names = "--smtp-password", paramLabel = "PASSWORD",
      description = "SMTP password (prefer the environment: PAPERBOY_SMTP_PASSWORD).")
  String password;

  @Option(names = "--mail-from", paramLabel = "ADDRESS", defaultValue = "paperboy@localhost",
      description = "Sender address (default: ${DEFAULT-VALUE}).")
  String from;

  @Option(names = "--mail-rate", paramLabel = "PER_SECOND", defaultValue = "10",
      description = "Most mails sent per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--mail-lease", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long a sending process's claim on a mail lasts; after a crash another process (or a restart)"
          + " sends it once the claim is over (default: ${DEFAULT-VALUE}).")
  long leaseSeconds;

  @Option(names = "--public-url", paramLabel = "URL", defaultValue = Config.DEFAULT_BASE_URL,
      description = "The address people reach this instance at, for links in mails (default: ${DEFAULT-VALUE}).")
  String publicUrl;

  public MailSettings settings() {
    try {
      return new MailSettings(host, port, startTls, user, password, from, rate, MailSettings.MAX_ATTEMPTS, MailSettings.FIRST_RETRY,
          Duration.ofSeconds(leaseSeconds));
    } catch (IllegalArgumentException e) {
      throw Refusal.badInput(e.getMessage());
    }
  }
}
