package org.paperboy.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperboy.Paperboy;
import org.paperboy.cli.GlobalOptions;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyList;
import org.paperboy.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves the store in this process and loads it from here too, route after route, with N concurrent
 * keep-alive connections: req/s, p50/p99 latency and errors per route, beside a trivial route
 * ({@code /ping}) on the same server in the same run. Client and server share the machine's cores,
 * so the ratio to the trivial route is the figure to compare, not the absolute numbers.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
    description = "Measures req/s and p99 of the pages and API at N connections, next to a trivial route.")
final class HttpBench implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @Option(names = "--connections", defaultValue = "64", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per route (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per route (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public Integer call() throws Exception {
    try (Paperboy app = global.open(); WebServer server = app.webServer().start("127.0.0.1", 0)) {
      String paper = somePaper(app);
      app.search().catchUp(); // a search route must not pay for building the index
      List<String> routes = List.of("/ping", "/", "/papers/" + paper, "/api/daily_papers?limit=50",
          "/search?q=diffusion+transformer&mode=bm25", "/search?q=diffusion+transformer", "/ping");
      System.out.printf("store %s: %,d papers; %d connections, %d s per route (after %d s warm-up), %d cores%n",
          app.config().databaseUrl(), app.papers().count(), connections, seconds, warmup,
          Runtime.getRuntime().availableProcessors());
      System.out.printf("%-28s %10s %9s %9s %8s%n", "route", "req/s", "p50 ms", "p99 ms", "errors");
      // Warm every route first, so the JIT has compiled the shared paths before anything is measured.
      for (String route : routes) load(URI.create("http://127.0.0.1:" + server.port() + route), warmup);
      for (String route : routes) {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + route);
        HttpLoad.Result r = load(uri, seconds);
        System.out.printf("%-28s %,10.0f %9.2f %9.2f %8d%n", route, r.perSecond(), r.p50(), r.p99(), r.errors());
      }
    }
    return 0;
  }

  private static String somePaper(Paperboy app) {
    DailyList lists = app.dailyList();
    return lists.latestDay()
        .map(d -> lists.entries(new DailyList.Query(d, d, null, DailyList.Order.UPVOTES, 0, 1)))
        .filter(l -> !l.isEmpty())
        .map(l -> l.getFirst().paper().id().value())
        .orElseThrow(() -> Refusal.badInput("the store has no daily list: import a daily-papers feed first"));
  }

  /** Loopback load through {@link HttpLoad}: one keep-alive connection per worker. */
  private HttpLoad.Result load(URI uri, int forSeconds) throws InterruptedException {
    return HttpLoad.run(java.util.List.of(uri), connections, java.time.Duration.ofSeconds(forSeconds));
  }
}
