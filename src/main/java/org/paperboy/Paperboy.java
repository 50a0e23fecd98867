package org.paperboy;

import java.time.Clock;
import org.paperboy.db.Database;
import java.net.URI;
import org.paperboy.ingest.ArxivApiClient;
import org.paperboy.ingest.HarvestCheckpoints;
import org.paperboy.ingest.OaiPmhHarvester;
import org.paperboy.ingest.PoliteHttp;
import org.paperboy.ingest.Politeness;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;

/** The one place that builds everything: config → store → features. The CLI and web call what this holds. */
public final class Paperboy implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final Database database;
  private final PaperStore papers;
  private final SnapshotImporter snapshotImporter;
  private final HarvestCheckpoints harvestCheckpoints;

  private Paperboy(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.database = Database.open(config.databaseUrl());
    this.papers = new PaperStore(database);
    this.snapshotImporter = new SnapshotImporter(papers);
    this.harvestCheckpoints = new HarvestCheckpoints(database);
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

  public HarvestCheckpoints harvestCheckpoints() {
    return harvestCheckpoints;
  }

  /** A connection to arXiv; the caller closes it. {@link Politeness#arxiv()} unless a test says otherwise. */
  public PoliteHttp arxivHttp(Politeness politeness) {
    return new PoliteHttp(politeness, clock);
  }

  public OaiPmhHarvester harvester(PoliteHttp http) {
    return new OaiPmhHarvester(papers, harvestCheckpoints, http, clock);
  }

  public ArxivApiClient arxivApi(PoliteHttp http, URI endpoint) {
    return new ArxivApiClient(http, endpoint);
  }

  @Override
  public void close() {
    database.close();
  }
}
