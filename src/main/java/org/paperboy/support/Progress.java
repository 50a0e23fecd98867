package org.paperboy.support;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how long work is going: a redrawn bar with records/s and ETA on a terminal, a log line every
 * few seconds otherwise (so a cron job's log still tells how far it got).
 */
public final class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long TERMINAL_EVERY_NANOS = Duration.ofMillis(250).toNanos();
  private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

  private final String label;
  private final PrintStream terminal; // null when output is not a terminal
  private final Consumer<String> log;
  private final LongSupplier nanoTime;
  private final LongSupplier doneUnits;
  private final long totalUnits;
  /** What was already done when this run began (a resumed run): counted in the percentage, not in the rate. */
  private final long startUnits;
  private final long started;
  private long lastShown;
  private long records;

  /**
   * @param doneUnits how much of the input is consumed (bytes, say), to estimate the ETA against {@code totalUnits};
   *     totalUnits ≤ 0 means unknown
   */
  public Progress(String label, long totalUnits, LongSupplier doneUnits, boolean toTerminal) {
    this(label, totalUnits, doneUnits, toTerminal ? System.err : null, LOG::info, System::nanoTime);
  }

  /** Lines to {@code log} (when {@code terminal} is null) on the time {@code nanoTime} tells: for tests. */
  Progress(String label, long totalUnits, LongSupplier doneUnits, PrintStream terminal, Consumer<String> log,
      LongSupplier nanoTime) {
    this.label = label;
    this.totalUnits = totalUnits;
    this.doneUnits = doneUnits;
    this.startUnits = doneUnits.getAsLong();
    this.terminal = terminal;
    this.log = log;
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    this.lastShown = started;
    // a resumed run says at once how far the earlier ones got
    if (startUnits > 0 && totalUnits > 0) show(started, false);
  }

  /** A terminal is one a person watches: both a console and stderr not redirected. */
  public static boolean onTerminal() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal() && System.getenv("PAPERBOY_PLAIN_PROGRESS") == null;
  }

  public void advance(long moreRecords) {
    records += moreRecords;
    long now = nanoTime.getAsLong();
    long every = terminal != null ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS;
    if (now - lastShown >= every) {
      lastShown = now;
      show(now, false);
    }
  }

  public long records() {
    return records;
  }

  public double recordsPerSecond() {
    double seconds = (nanoTime.getAsLong() - started) / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }

  private void show(long now, boolean last) {
    double seconds = (now - started) / 1e9;
    double rate = seconds <= 0 ? 0 : records / seconds;
    long done = doneUnits.getAsLong();
    double fraction = totalUnits > 0 ? Math.min(1.0, done / (double) totalUnits) : -1;
    double doneNow = (done - startUnits) / (double) totalUnits;
    String eta = doneNow > 0.001 && !last ? " ETA " + format(seconds * (1 - fraction) / doneNow) : "";
    String pct = fraction >= 0 ? String.format(" %5.1f%%", fraction * 100) : "";
    String line = String.format("%s%s %,d records %,.0f/s elapsed %s%s", label, pct, records, rate, format(seconds), eta);
    if (terminal != null) {
      String bar = fraction >= 0 ? bar(fraction) + " " : "";
      terminal.print("\r\u001b[K" + bar + line + (last ? "\n" : ""));
      terminal.flush();
    } else {
      log.accept(line);
    }
  }

  private static String bar(double fraction) {
    int width = 24, filled = (int) Math.round(fraction * width);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  private static String format(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
  }

  @Override
  public void close() {
    show(nanoTime.getAsLong(), true);
  }
}
