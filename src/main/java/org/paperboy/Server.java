package org.paperboy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.paperboy.db.StoreChanges;
import org.paperboy.schedule.Schedules;
import org.paperboy.mail.OutboxSender;
import org.paperboy.search.IndexFollower;
import org.paperboy.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Paperboy: the features of one {@link Config} ({@link Paperboy}), the background services
 * that keep it current and the web server, started in one place and stopped in the reverse order.
 * {@code serve} is a thin shell over this; tests start the same thing on port 0.
 *
 * <p>A new background service (a scheduled harvest, a worker) is one more {@link #keep} line in
 * {@link #startServices()}, with its settings in {@link Config.Serve}: it starts after what it needs
 * and stops before it.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Paperboy app;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private WebServer web;

  private Server(Paperboy app) {
    this.app = app;
  }

  public static Server start(Config config) {
    return start(config, Clock.systemUTC());
  }

  public static Server start(Config config, Clock clock) {
    Server server = new Server(Paperboy.open(config, clock));
    try {
      server.startServices();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void startServices() {
    Config.Serve serve = app.config().serve();
    app.search().open(); // a second serve on the same data directory is refused here, before it listens
    // each node of a cluster keeps its own index: every second (one indexed query when nothing changed),
    // and at once when a paper write is heard, since a change must be searchable on all of them within 5 s
    IndexFollower follower = keep(app.search().follow(Duration.ofSeconds(1)));
    // code links of new and changed papers are extracted within seconds too
    keep(app.codeLinks().follow(Duration.ofSeconds(10)));
    OutboxSender sender = keep(app.newOutboxSender(m -> LOG.warn("gave up on mail {} to {}", m.id(), m.mail().to())));
    // digests and harvests run by themselves, each due run on one process of a cluster (the schedule lives in the store)
    Schedules schedules = keep(app.schedules(serve.harvest(), Schedules.Settings.DEFAULT, sender::wake).start());
    web = keep(app.webServer(schedules::status).start(serve.host(), serve.port()));
    // on PostgreSQL, what another node writes is heard as it commits: pages and index follow at once
    WebServer pages = web;
    keep(StoreChanges.start(app.database(), tables -> {
      pages.storeChanged();
      if (tables.contains(StoreChanges.PAPERS) || tables.contains(StoreChanges.ANYTHING)) follower.storeChanged();
    }));
    // every paper gets a vector within minutes: static ones first, then quick ones, then full ones, yielding to visitors
    keep(app.backgroundEmbedding(serve.embedThreads(), web::pagesServed));
    sender.start(2_000);
  }

  /** Keeps a started service to close (in the reverse order of starting) when the server stops. */
  private <T extends AutoCloseable> T keep(T service) {
    running.push(service);
    return service;
  }

  /** The features this server runs on. */
  public Paperboy app() {
    return app;
  }

  /** The port it listens on (the free one picked when {@code Config.Serve.port()} was 0). */
  public int port() {
    return web.port();
  }

  /** Stops the services, newest first, then closes the store. */
  @Override
  public void close() {
    while (!running.isEmpty()) {
      AutoCloseable service = running.pop();
      try {
        service.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed", service, e);
      }
    }
    app.close();
  }
}
