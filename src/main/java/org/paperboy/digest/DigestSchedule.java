package org.paperboy.digest;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent schedule (db-scheduler, in the store itself): every few minutes one process of the
 * cluster runs the digests that have come due in their subscribers' time zones. A missed tick (the
 * server was down) simply runs late: due digests stay due until their period ends.
 */
public final class DigestSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DigestSchedule.class);

  private final Scheduler scheduler;

  /** @param afterRun told after each run that queued mail, e.g. to wake the outbox sender */
  public DigestSchedule(DataSource dataSource, DigestRunner runner, Clock clock, Duration every, Runnable afterRun) {
    RecurringTask<Void> task = Tasks.recurring("digests", FixedDelay.of(every))
        .execute((instance, context) -> {
          DigestRunner.Summary s = runner.run(clock.instant(), null, false, d -> {});
          if (s.queued() > 0) {
            LOG.info("digests: {}", s);
            afterRun.run();
          }
        });
    this.scheduler = Scheduler.create(dataSource)
        .startTasks(task)
        .threads(1)
        .pollingInterval(Duration.ofSeconds(Math.max(1, Math.min(30, every.toSeconds()))))
        .build();
  }

  public DigestSchedule start() {
    scheduler.start();
    return this;
  }

  @Override
  public void close() {
    scheduler.stop();
  }
}
