package org.paperboy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
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
        Result r = load(uri, seconds);
        System.out.printf("%-28s %,10.0f %9.2f %9.2f %8d%n", route, r.requests / (double) seconds, r.p50, r.p99, r.errors);
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

  private record Result(long requests, long errors, double p50, double p99) {}

  /** One client per connection so each worker keeps exactly one keep-alive connection. */
  private Result load(URI uri, int forSeconds) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(forSeconds).toNanos();
    AtomicLong errors = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    int[] counts = new int[connections];
    for (int w = 0; w < connections; w++) {
      long[] mine = new long[1 << 20];
      latencies.add(mine);
      int id = w;
      workers.add(Thread.ofVirtual().start(() -> {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
          HttpRequest request = HttpRequest.newBuilder(uri).build();
          int n = 0;
          while (System.nanoTime() < end && n < mine.length) {
            long t0 = System.nanoTime();
            try {
              HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
              if (r.statusCode() != 200) errors.incrementAndGet();
            } catch (Exception e) {
              errors.incrementAndGet();
            }
            mine[n++] = System.nanoTime() - t0;
          }
          counts[id] = n;
        }
      }));
    }
    for (Thread t : workers) t.join();
    long total = Arrays.stream(counts).asLongStream().sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (int w = 0; w < connections; w++) {
      System.arraycopy(latencies.get(w), 0, all, at, counts[w]);
      at += counts[w];
    }
    Arrays.sort(all);
    return new Result(total, errors.get(), percentile(all, 0.50), percentile(all, 0.99));
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
