-- Owned by org.paperboy.schedule: every run of every scheduled job (harvests, mirrors, digests), so
-- /admin and /health can show what happened last and why a run failed. db-scheduler's own
-- scheduled_tasks (V7) holds what is due next.
CREATE TABLE schedule_runs (
  id          ${id_pk},
  job         TEXT NOT NULL,
  node        TEXT NOT NULL,     -- the process that ran it
  started_at  TEXT NOT NULL,     -- ISO-8601 instants
  finished_at TEXT,
  outcome     TEXT NOT NULL,     -- running | succeeded | failed | interrupted
  summary     TEXT NOT NULL      -- what the run did, or why it failed
);
CREATE INDEX schedule_runs_job ON schedule_runs (job, id);
