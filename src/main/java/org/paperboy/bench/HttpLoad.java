package org.paperboy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load: N keep-alive connections, each sending its next request as soon as the
 * last one answered, for a fixed time, cycling through the given URIs. Bounded in time and count,
 * loopback only.
 */
public final class HttpLoad {
  private HttpLoad() {}

  /** What a load measured; {@code p50}/{@code p99} in milliseconds. */
  public record Result(long requests, long errors, double seconds, double p50, double p99) {
    public double perSecond() {
      return requests / seconds;
    }
  }

  public static Result run(List<URI> uris, int connections, Duration duration) throws InterruptedException {
    long started = System.nanoTime();
    long end = started + duration.toNanos();
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
          int n = 0;
          while (System.nanoTime() < end && n < mine.length) {
            HttpRequest request = HttpRequest.newBuilder(uris.get((id + n * connections) % uris.size()))
                .timeout(Duration.ofSeconds(30)).build();
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
    double seconds = (System.nanoTime() - started) / 1e9;
    long total = Arrays.stream(counts).asLongStream().sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (int w = 0; w < connections; w++) {
      System.arraycopy(latencies.get(w), 0, all, at, counts[w]);
      at += counts[w];
    }
    Arrays.sort(all);
    return new Result(total, errors.get(), seconds, percentile(all, 0.50), percentile(all, 0.99));
  }

  /** The q-quantile of sorted nanoseconds, in milliseconds. */
  public static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))] / 1e6;
  }
}
