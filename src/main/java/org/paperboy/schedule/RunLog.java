package org.paperboy.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.schedule.ScheduleStatus.Outcome;
import org.paperboy.schedule.ScheduleStatus.Run;

/** The log of scheduled runs ({@code schedule_runs}): one row per run, the newest few hundred per job. */
final class RunLog {
  private static final int KEEP_PER_JOB = 200;
  private static final int MAX_SUMMARY = 2_000;

  private final Jdbi jdbi;
  private final Clock clock;

  RunLog(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /**
   * Records that {@code node} starts a run of {@code job}. Only one process runs a job at a time, so a
   * run still marked as running was cut short (its process died) and is marked interrupted.
   */
  long started(String job, String node) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE schedule_runs SET outcome = 'interrupted', finished_at = :now,"
              + " summary = 'the process running it stopped before it finished' WHERE job = :job AND outcome = 'running'")
          .bind("job", job).bind("now", clock.instant().toString()).execute();
      long id = h.createUpdate("INSERT INTO schedule_runs (job, node, started_at, outcome, summary)"
              + " VALUES (:job, :node, :at, 'running', '')")
          .bind("job", job).bind("node", node).bind("at", clock.instant().toString())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.createUpdate("DELETE FROM schedule_runs WHERE job = :job AND id <= :oldest")
          .bind("job", job).bind("oldest", id - KEEP_PER_JOB).execute();
      return id;
    });
  }

  void finished(long run, Outcome outcome, String summary) {
    String text = summary == null || summary.isBlank() ? outcome.label() : summary.strip();
    if (text.length() > MAX_SUMMARY) text = text.substring(0, MAX_SUMMARY - 1) + "…";
    String finalText = text;
    jdbi.useHandle(h -> h.createUpdate("UPDATE schedule_runs SET outcome = :outcome, finished_at = :at, summary = :summary"
            + " WHERE id = :id")
        .bind("outcome", outcome.label()).bind("at", clock.instant().toString()).bind("summary", finalText)
        .bind("id", run).execute());
  }

  Optional<Run> latestFinished(String job) {
    return latest(job, "outcome <> 'running'");
  }

  Optional<Run> latestSuccess(String job) {
    return latest(job, "outcome = 'succeeded'");
  }

  /** The newest runs of a job, newest first. */
  List<Run> recent(String job, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT started_at, finished_at, outcome, summary, node FROM schedule_runs"
            + " WHERE job = :job ORDER BY id DESC LIMIT :n")
        .bind("job", job).bind("n", limit).map((rs, ctx) -> run(rs)).list());
  }

  private Optional<Run> latest(String job, String condition) {
    return jdbi.withHandle(h -> h.createQuery("SELECT started_at, finished_at, outcome, summary, node FROM schedule_runs"
            + " WHERE job = :job AND " + condition + " ORDER BY id DESC LIMIT 1")
        .bind("job", job).map((rs, ctx) -> run(rs)).findOne());
  }

  private static Run run(ResultSet rs) throws SQLException {
    String finished = rs.getString(2);
    return new Run(Instant.parse(rs.getString(1)), finished == null ? null : Instant.parse(finished),
        Outcome.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getString(4), rs.getString(5));
  }
}
