package org.paperboy;

import java.nio.file.Path;
import org.paperboy.db.Database;

/** Where Paperboy keeps its files and which database it uses; everything else has a default. */
public record Config(Path dataDir, String databaseUrl) {
  public Config {
    dataDir = dataDir.toAbsolutePath().normalize();
    if (databaseUrl == null || databaseUrl.isBlank()) databaseUrl = Database.defaultUrl(dataDir);
  }
}
