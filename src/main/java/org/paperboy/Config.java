package org.paperboy;

import java.nio.file.Path;
import org.paperboy.db.Database;
import org.paperboy.mail.MailSettings;

/** Where Paperboy keeps its files, which database it uses and how it sends mail; everything else has a default. */
public record Config(Path dataDir, String databaseUrl, MailSettings mail) {
  public Config {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (databaseUrl == null || databaseUrl.isBlank()) databaseUrl = Database.defaultUrl(dataDir);
    if (mail == null) mail = MailSettings.logOnly("paperboy@localhost");
  }

  public Config(Path dataDir, String databaseUrl) {
    this(dataDir, databaseUrl, null);
  }
}
