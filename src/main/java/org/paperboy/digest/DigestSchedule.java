package org.paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import org.paperboy.schedule.Cadence;
import org.paperboy.schedule.Job;

/**
 * The digest job for the persistent schedule: every few minutes one process of the cluster runs the
 * digests that have come due in their subscribers' time zones. A missed tick (the server was down)
 * simply runs late: due digests stay due until their period ends.
 */
public final class DigestSchedule {
  public static final String NAME = "digests";
  public static final Duration EVERY = Duration.ofMinutes(5);

  private DigestSchedule() {}

  /** @param afterRun told after each run that queued mail, e.g. to wake the outbox sender */
  public static Job job(DigestRunner runner, Clock clock, Duration every, Runnable afterRun) {
    return new Job(NAME, Cadence.every(every), () -> {
      DigestRunner.Summary s = runner.run(clock.instant(), null, false, d -> {});
      if (s.queued() > 0) afterRun.run();
      return s.toString();
    });
  }
}
