package org.paperboy.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.paperboy.db.Database;
import org.paperboy.schedule.ScheduleStatus.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Job} on its {@link Cadence} through one db-scheduler in the store. What is due
 * lives in the store, so each due run is picked by exactly one process of a cluster; a run that fell
 * due while every process was down runs at the next start (once, however many were missed: the jobs
 * continue from their own checkpoints); a failed run is retried with exponential backoff until one
 * succeeds, and every run, failed or not, is kept in the run log that {@link #status()} reads.
 */
public final class Schedules implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
  private static final String INSTANCE = RecurringTask.INSTANCE;

  /**
   * @param pollingInterval how often each process looks for due runs
   * @param firstRetry the wait after a first failure; it doubles with each further one
   * @param maxRetry the longest wait between retries
   */
  public record Settings(Duration pollingInterval, Duration firstRetry, Duration maxRetry) {
    public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));

    /** The wait before the retry that follows the {@code failures}-th failure in a row. */
    public Duration retryAfter(int failures) {
      Duration d = firstRetry.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 30));
      return d.compareTo(maxRetry) > 0 ? maxRetry : d;
    }
  }

  private final List<Job> jobs;
  private final RunLog log;
  private final Scheduler scheduler;
  private final String node;

  public Schedules(Database database, Clock clock, List<Job> jobs, Settings settings) {
    this.jobs = List.copyOf(jobs);
    this.log = new RunLog(database, clock);
    this.node = nodeName();
    List<Task<?>> tasks = new ArrayList<>();
    for (Job job : this.jobs) tasks.add(task(job, settings));
    this.scheduler = Scheduler.create(database.dataSource())
        .startTasks(tasks.stream().map(t -> (RecurringTask<?>) t).toList())
        .threads(Math.max(1, this.jobs.size()))
        .pollingInterval(settings.pollingInterval())
        .clock(clock::instant)
        .schedulerName(new SchedulerName.Fixed(node))
        .shutdownMaxWait(Duration.ofSeconds(30))
        .build();
  }

  public Schedules start() {
    scheduler.start();
    return this;
  }

  public List<Job> jobs() {
    return jobs;
  }

  /** Every job's last run, outcome and next run, read from the store (so the same on every process). */
  public List<ScheduleStatus> status() {
    List<ScheduleStatus> out = new ArrayList<>();
    for (Job job : jobs) {
      Optional<ScheduledExecution<Object>> due = scheduler.getScheduledExecution(TaskInstanceId.of(job.name(), INSTANCE));
      out.add(new ScheduleStatus(job.name(), job.cadence().describe(),
          due.map(ScheduledExecution::getExecutionTime).orElse(null),
          due.map(ScheduledExecution::isPicked).orElse(false),
          due.map(ScheduledExecution::getConsecutiveFailures).orElse(0),
          log.latestFinished(job.name()).orElse(null), log.latestSuccess(job.name()).orElse(null)));
    }
    return out;
  }

  /** The newest runs of one job, newest first. */
  public List<ScheduleStatus.Run> recentRuns(String job, int limit) {
    return log.recent(job, limit);
  }

  @Override
  public void close() {
    scheduler.stop();
  }

  private RecurringTask<Void> task(Job job, Settings settings) {
    FailureHandler<Void> retry = (complete, operations) -> {
      int failures = complete.getExecution().consecutiveFailures + 1;
      Instant next = complete.getTimeDone().plus(settings.retryAfter(failures));
      LOG.warn("{} failed ({} in a row); retrying at {}", job.name(), failures, next);
      operations.reschedule(complete, next);
    };
    return Tasks.recurring(job.name(), schedule(job))
        .onFailure(retry)
        .execute((instance, context) -> run(job));
  }

  private void run(Job job) {
    long id = log.started(job.name(), node);
    String summary;
    try {
      summary = job.work().call();
    } catch (Exception | Error e) {
      log.finished(id, Outcome.FAILED, message(e));
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new JobFailed(job.name() + ": " + message(e), e);
    }
    log.finished(id, Outcome.SUCCEEDED, summary);
    LOG.info("{}: {}", job.name(), summary);
  }

  /**
   * The job's cadence as db-scheduler wants it. The first run of a job this store has never run, or
   * whose last success is older than its cadence allows, is due now: that is the catch-up after a
   * long downtime or on a new instance.
   */
  private Schedule schedule(Job job) {
    return new Schedule() {
      @Override
      public Instant getNextExecutionTime(ExecutionComplete complete) {
        return job.cadence().nextAfter(complete.getTimeDone());
      }

      @Override
      public Instant getInitialExecutionTime(Instant now) {
        Optional<ScheduleStatus.Run> last = log.latestSuccess(job.name());
        if (last.isEmpty()) return now;
        Instant next = job.cadence().nextAfter(last.get().started());
        return next.isAfter(now) ? next : now;
      }

      @Override
      public boolean isDeterministic() {
        // Not "deterministic" to db-scheduler: a pending retry must survive a restart.
        return false;
      }
    };
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String nodeName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    // Several processes may share a host (and a test several schedules a process): each its own name.
    return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A run that threw; db-scheduler retries it with backoff. */
  static final class JobFailed extends RuntimeException {
    JobFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
