package org.paperboy.schedule;

import java.time.Instant;

/**
 * What a job did last and what comes next, as {@code /admin} and {@code /health} show it.
 *
 * @param nextRun when it is due next (a retry after a failure, a missed run that is overdue); null when not scheduled
 * @param running whether some process is running it now
 * @param consecutiveFailures failed runs since the last success; each is retried with backoff
 * @param lastRun the latest run that finished, null before the first
 * @param lastSuccess the latest run that succeeded, null before the first
 */
public record ScheduleStatus(String job, String cadence, Instant nextRun, boolean running, int consecutiveFailures,
    Run lastRun, Run lastSuccess) {

  /** One run of a job, from the log. */
  public record Run(Instant started, Instant finished, Outcome outcome, String summary, String node) {}

  public enum Outcome {
    RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean healthy() {
    return consecutiveFailures == 0;
  }
}
