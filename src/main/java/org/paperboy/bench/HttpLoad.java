package org.paperboy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load: N keep-alive connections, each sending its next request as soon as the
 * last one answered, for a fixed time, cycling through the given URIs. Bounded in time and count,
 * loopback only. Latencies go into one shared HdrHistogram (3 significant digits, a few hundred KB
 * whatever the connections and requests), so the load generator fits beside a server in a small heap.
 */
public final class HttpLoad {
  private HttpLoad() {}

  /** A request slower than this is recorded as this (the client gives up at 30 s anyway). */
  private static final long SLOWEST_NANOS = TimeUnit.MINUTES.toNanos(2);

  /**
   * What a load measured; {@code p50}/{@code p99} in milliseconds. An error is any answer but 200,
   * counted by status ({@code 0}: no answer, a timeout or a refused connection).
   */
  public record Result(long requests, long errors, double seconds, double p50, double p99, Map<Integer, Long> errorsByStatus) {
    public double perSecond() {
      return requests / seconds;
    }

    /** {@code 0}, or the count and its statuses: {@code 69 (400 ×69)}. */
    public String errorsText() {
      if (errors == 0) return "0";
      return errorsByStatus.entrySet().stream()
          .map(e -> (e.getKey() == 0 ? "no answer" : e.getKey().toString()) + " ×" + e.getValue())
          .collect(Collectors.joining(", ", errors + " (", ")"));
    }
  }

  public static Result run(List<URI> uris, int connections, Duration duration) throws InterruptedException {
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    Map<Integer, LongAdder> byStatus = new ConcurrentSkipListMap<>();
    Histogram latencies = new ConcurrentHistogram(1, SLOWEST_NANOS, 3);
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < connections; w++) {
      int id = w;
      workers.add(Thread.ofVirtual().start(() -> {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
          for (long n = 0; System.nanoTime() < end; n++) {
            HttpRequest request = HttpRequest.newBuilder(uris.get((int) ((id + n * connections) % uris.size())))
                .timeout(Duration.ofSeconds(30)).build();
            long t0 = System.nanoTime();
            try {
              HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
              if (r.statusCode() != 200) byStatus.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
            } catch (Exception e) {
              byStatus.computeIfAbsent(0, k -> new LongAdder()).increment();
            }
            latencies.recordValue(Math.min(SLOWEST_NANOS, Math.max(1, System.nanoTime() - t0)));
          }
        }
      }));
    }
    for (Thread t : workers) t.join();
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<Integer, Long> counted = new TreeMap<>();
    byStatus.forEach((status, n) -> counted.put(status, n.sum()));
    long errors = counted.values().stream().mapToLong(Long::longValue).sum();
    return new Result(latencies.getTotalCount(), errors, seconds, millis(latencies, 50), millis(latencies, 99),
        Collections.unmodifiableMap(counted));
  }

  private static double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
  }

  /** The q-quantile of sorted nanoseconds, in milliseconds. */
  public static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))] / 1e6;
  }
}
