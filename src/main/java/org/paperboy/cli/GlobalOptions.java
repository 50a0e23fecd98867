package org.paperboy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.paperboy.Config;
import org.paperboy.Paperboy;
import org.paperboy.db.Database;
import org.paperboy.support.Refusal;
import picocli.CommandLine.Option;

/**
 * The options every command takes: where the data lives and which database to use. Only the commands
 * that bring papers in create a store ({@link #create()}); every other command opens one that exists,
 * so a mistyped {@code --data} is an error rather than an empty store.
 */
public final class GlobalOptions {
  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "Data directory: the SQLite store, search index and caches (default: ${DEFAULT-VALUE};"
          + " also PAPERBOY_DATA).")
  Path dataDir;

  @Option(names = "--db", paramLabel = "JDBC_URL", defaultValue = "${env:PAPERBOY_DB_URL}",
      // the example on a line of its own: help text wraps at '/' and ':' and would split the URL in two
      description = "Database URL (also PAPERBOY_DB_URL; default: an SQLite file in the data directory), such as%n"
          + "jdbc:postgresql://host/db?user=u&password=p")
  String databaseUrl;

  public Config config() {
    return new Config(dataDir, databaseUrl);
  }

  /** Opens the store that is there; refuses when there is none. */
  public Paperboy open() {
    return Paperboy.open(existing(config()));
  }

  /** The configuration of a command that sends mail, over the store that is there; refuses when there is none. */
  public Config config(MailOptions mail) {
    return existing(mailConfig(mail));
  }

  /** Opens the store for a command that sends mail; refuses when there is none. */
  public Paperboy open(MailOptions mail) {
    return Paperboy.open(config(mail));
  }

  /** Opens the store, creating it when it is new and saying where on stderr: for import, harvest and fetch. */
  public Paperboy create() {
    return create(config());
  }

  /** Opens the store for a command that sends mail, creating it when it is new: {@code mail test} checks SMTP on a fresh install. */
  public Paperboy create(MailOptions mail) {
    return create(mailConfig(mail));
  }

  private Config mailConfig(MailOptions mail) {
    return new Config(dataDir, databaseUrl, mail.settings(), mail.publicUrl);
  }

  private static Paperboy create(Config config) {
    Optional<Path> file = Database.sqliteFile(config.databaseUrl()).filter(f -> !Files.exists(f));
    Paperboy app = Paperboy.open(config);
    file.ifPresent(f -> System.err.println("paperboy: created a new store: " + f));
    return app;
  }

  /** An SQLite store must exist already (a PostgreSQL one is the server's business). */
  private static Config existing(Config config) {
    Optional<Path> file = Database.sqliteFile(config.databaseUrl());
    if (file.isPresent() && !Files.exists(file.get())) {
      String where = Files.isDirectory(config.dataDir()) ? "no store in " + file.get()
          : "the data directory " + config.dataDir() + " does not exist";
      throw Refusal.notFound(where + ": import papers first (paperboy import FILE, harvest or fetch), or point --data"
          + " at the directory that holds them");
    }
    return config;
  }
}
