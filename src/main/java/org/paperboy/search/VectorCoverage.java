package org.paperboy.search;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of the corpus search can reach by meaning, as the index sees it (so vectors written by any
 * worker count), with the rates of the last few minutes and what they predict.
 *
 * @param papers papers in the index
 * @param staticOnly papers whose best vector so far is a static one (averaged token vectors)
 * @param title papers whose best vector so far is a quick one
 * @param full papers with their full-text vector
 * @param perSecond papers gaining their first vector, per second, lately
 * @param fullPerSecond papers gaining their full vector, per second, lately
 */
public record VectorCoverage(int papers, int staticOnly, int title, int full, double perSecond, double fullPerSecond) {
  public int withVector() {
    return staticOnly + title + full;
  }

  /** The share of papers with a vector of any tier, 0..1. */
  public double share() {
    return papers == 0 ? 1 : withVector() / (double) papers;
  }

  /** Until every paper has a vector, at the recent rate; empty when done or not moving. */
  public Optional<Duration> untilEveryPaper() {
    return eta(papers - withVector(), perSecond);
  }

  /** Until every paper has its full-text vector, at the recent rate. */
  public Optional<Duration> untilFull() {
    return eta(papers - full, fullPerSecond);
  }

  private static Optional<Duration> eta(int left, double rate) {
    if (left <= 0 || rate <= 0) return Optional.empty();
    return Optional.of(Duration.ofSeconds((long) Math.ceil(left / rate)));
  }

  /** One line for the log and the admin page. */
  public String line() {
    return String.format(Locale.ROOT, "vectors: %,d of %,d papers (%.1f%%): %,d static, %,d quick (title), %,d full; %.1f papers/s%s, %.1f full/s%s",
        withVector(), papers, 100 * share(), staticOnly, title, full, perSecond,
        untilEveryPaper().map(d -> ", every paper in " + human(d)).orElse(""), fullPerSecond,
        untilFull().map(d -> ", all full in " + human(d)).orElse(""));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
  }

  /** Samples of coverage over a few minutes, for the rates. Thread-safe. */
  static final class Rates {
    private static final long WINDOW_NANOS = Duration.ofMinutes(3).toNanos();
    private record Sample(long nanos, int withVector, int full) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    synchronized VectorCoverage add(PaperIndex.Coverage c, long nanos) {
      // one sample a second at most, however often the status is asked for
      if (samples.isEmpty() || nanos - samples.peekLast().nanos() >= 1_000_000_000L) {
        samples.addLast(new Sample(nanos, c.withVector(), c.full()));
      }
      while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) samples.pollFirst();
      Sample oldest = samples.peekFirst();
      double seconds = (nanos - oldest.nanos()) / 1e9;
      double rate = seconds <= 0 ? 0 : Math.max(0, c.withVector() - oldest.withVector()) / seconds;
      double fullRate = seconds <= 0 ? 0 : Math.max(0, c.full() - oldest.full()) / seconds;
      return new VectorCoverage(c.papers(), c.staticOnly(), c.title(), c.full(), rate, fullRate);
    }
  }
}
