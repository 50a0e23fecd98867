package org.paperboy;

import java.time.Clock;
import org.paperboy.db.Database;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.PaperStore;
import org.paperboy.trending.DailyFeedImporter;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.TrendingRanking;
import org.paperboy.web.WebServer;

/** The one place that builds everything: config → store → features. The CLI and web call what this holds. */
public final class Paperboy implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final Database database;
  private final PaperStore papers;
  private final SnapshotImporter snapshotImporter;
  private final DailyList dailyList;
  private final DailyFeedImporter dailyFeedImporter;
  private final TrendingRanking trending;

  private Paperboy(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.database = Database.open(config.databaseUrl());
    this.papers = new PaperStore(database);
    this.snapshotImporter = new SnapshotImporter(papers);
    this.dailyList = new DailyList(database, papers);
    this.dailyFeedImporter = new DailyFeedImporter(database, papers);
    this.trending = new TrendingRanking(dailyList, clock);
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

  public DailyList dailyList() {
    return dailyList;
  }

  public DailyFeedImporter dailyFeedImporter() {
    return dailyFeedImporter;
  }

  public TrendingRanking trending() {
    return trending;
  }

  /** A web server over this instance's features; the caller starts and closes it. */
  public WebServer webServer() {
    return new WebServer(papers, dailyList, trending, clock);
  }

  @Override
  public void close() {
    database.close();
  }
}
