package org.paperboy.cli;

import java.nio.file.Path;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import picocli.CommandLine.Option;

/** The options every command takes: where the data lives and which database to use. */
public final class GlobalOptions {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "Data directory: the SQLite store, search index and caches (default: ${DEFAULT-VALUE};"
          + " also PAPERBOY_DATA).")
  Path dataDir;

  @Option(names = "--db", paramLabel = "JDBC_URL", defaultValue = "${env:PAPERBOY_DB_URL}",
      description = "Database URL, e.g. jdbc:postgresql://localhost/paperboy?user=u&password=p"
          + " (also PAPERBOY_DB_URL; default: an SQLite file in the data directory).")
  String databaseUrl;

  public Config config() {
    return new Config(dataDir, databaseUrl);
  }

  public Paperboy open() {
    return Paperboy.open(config());
  }

  /** The configuration of a command that sends mail. */
  public Config config(MailOptions mail) {
    return new Config(dataDir, databaseUrl, mail.settings(), mail.publicUrl);
  }

  /** Opens Paperboy for a command that sends mail. */
  public Paperboy open(MailOptions mail) {
    return Paperboy.open(config(mail));
  }
}
