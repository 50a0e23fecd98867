package org.paperboy;

import java.nio.file.Path;
import org.paperboy.db.Database;
import org.paperboy.mail.MailSettings;

/**
 * Where Paperboy keeps its files, which database it uses, how it sends mail and the public address
 * its links in mails point to; everything else has a default.
 */
public record Config(Path dataDir, String databaseUrl, MailSettings mail, String baseUrl) {
  public Config {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (databaseUrl == null || databaseUrl.isBlank()) databaseUrl = Database.defaultUrl(dataDir);
    if (mail == null) mail = MailSettings.logOnly("paperboy@localhost");
    if (baseUrl == null || baseUrl.isBlank()) baseUrl = "http://localhost:8080";
    baseUrl = baseUrl.replaceAll("/+$", "");
  }

  public Config(Path dataDir, String databaseUrl) {
    this(dataDir, databaseUrl, null, null);
  }

  public Config(Path dataDir, String databaseUrl, MailSettings mail) {
    this(dataDir, databaseUrl, mail, null);
  }
}
