package org.paperboy;

import java.time.Clock;
import org.paperboy.db.Database;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.SearchService;

/** The one place that builds everything: config → store → features. The CLI and web call what this holds. */
public final class Paperboy implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final Database database;
  private final PaperStore papers;
  private final SnapshotImporter snapshotImporter;
  private final SearchService search;

  private Paperboy(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.database = Database.open(config.databaseUrl());
    this.papers = new PaperStore(database);
    this.snapshotImporter = new SnapshotImporter(papers);
    this.search = new SearchService(papers, new EmbeddingStore(database), config.dataDir().resolve("index"),
        EmbeddingModel.fromEnvironment());
  }

  public static Paperboy open(Config config) {
    return new Paperboy(config, Clock.systemUTC());
  }

  public static Paperboy open(Config config, Clock clock) {
    return new Paperboy(config, clock);
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  public PaperStore papers() {
    return papers;
  }

  public SnapshotImporter snapshotImporter() {
    return snapshotImporter;
  }

  public SearchService search() {
    return search;
  }

  @Override
  public void close() {
    search.close();
    database.close();
  }
}
