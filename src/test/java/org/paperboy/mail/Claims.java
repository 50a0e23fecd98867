package org.paperboy.mail;

import org.paperboy.db.TestDatabases;

/** What a test can see of senders' claims on outbox rows, read over a plain connection to the store. */
public final class Claims {
  private Claims() {}

  /**
   * Whether no pending mail is still claimed by a sender: after a sender is killed, its claim lasts
   * until the lease ends, and only then may a restart send the mail.
   */
  public static boolean noneHeld(String jdbcUrl) {
    return TestDatabases.count(jdbcUrl, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'pending' AND locked_until >= "
        + System.currentTimeMillis()) == 0;
  }
}
