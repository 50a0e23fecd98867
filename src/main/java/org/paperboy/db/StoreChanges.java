package org.paperboy.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what any process writes to a PostgreSQL store the moment it commits, so every node of a
 * cluster refreshes its pages and its search index at once instead of at its next poll. The triggers
 * of migration V61 ({@code ChangeCounters}) send the name of the table written on the channel {@value #CHANNEL}; one
 * connection of its own (outside the pool) listens. Polls stay as the fallback: a lost connection is
 * opened again, and on every (re)connect the listener is told "anything may have changed", since
 * what was sent while nobody listened is gone.
 *
 * <p>On SQLite one process serves the store and nobody else writes while it runs: nothing is heard.
 */
public final class StoreChanges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreChanges.class);
  static final String CHANNEL = "paperboy_changes";
  /** The table named when papers changed (every paper write raises its counter). */
  public static final String PAPERS = "paper_change_counter";
  /** Told on every (re)connect: what was written meanwhile is unknown. */
  public static final String ANYTHING = "*";
  private static final int WAIT_MILLIS = 1_000;

  private final String url;
  private final Consumer<Set<String>> listener;
  private final Thread thread;
  private volatile boolean closed;

  private StoreChanges(String url, Consumer<Set<String>> listener) {
    this.url = url;
    this.listener = listener;
    this.thread = Thread.ofPlatform().daemon().name("store-changes").unstarted(this::listen);
  }

  /**
   * Starts hearing the changes of {@code database}'s store; {@code listener} is called on a thread of
   * its own with the tables written (several commits may arrive as one call). Close to stop.
   */
  public static StoreChanges start(Database database, Consumer<Set<String>> listener) {
    StoreChanges changes = new StoreChanges(database.url(), listener);
    if (database.dialect() == Database.Dialect.POSTGRESQL) changes.thread.start();
    return changes;
  }

  private void listen() {
    long backoff = 500;
    while (!closed) {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        String schema;
        try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
          rs.next();
          schema = rs.getString(1) + ".";
        }
        s.execute("LISTEN " + CHANNEL);
        backoff = 500;
        tell(Set.of(ANYTHING));
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] heard = pg.getNotifications(WAIT_MILLIS);
          if (heard == null || heard.length == 0) continue;
          Set<String> tables = new HashSet<>();
          for (PGNotification n : heard) {
            // several stores (schemas) may share one database and its channels
            if (n.getParameter().startsWith(schema)) tables.add(n.getParameter().substring(schema.length()));
          }
          if (!tables.isEmpty()) tell(tables);
        }
      } catch (SQLException e) {
        if (closed) return;
        LOG.warn("not hearing the store's changes ({}); polling meanwhile, listening again in {} ms",
            e.getMessage().lines().findFirst().orElse(""), backoff);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  }

  private void tell(Set<String> tables) {
    try {
      listener.accept(tables);
    } catch (RuntimeException e) {
      LOG.warn("a listener of the store's changes failed: {}", e.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    // a wait for notifications ends within WAIT_MILLIS; only a backoff's sleep needs waking
    thread.interrupt();
    if (thread.isAlive()) thread.join(5_000);
  }
}
