-- Owned by org.paperboy.digest: subscribers, what each digest held, and the persistent schedule.
CREATE TABLE subscriptions (
  id                 ${id_pk},
  email              TEXT NOT NULL UNIQUE,     -- lower-cased
  account_id         BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  frequency          TEXT NOT NULL,            -- daily | weekly
  weekday            INTEGER NOT NULL,         -- 1 = Monday … 7 = Sunday (weekly digests)
  send_hour          INTEGER NOT NULL,         -- 0–23 in time_zone
  time_zone          TEXT NOT NULL,            -- IANA name, e.g. Europe/Berlin
  categories         TEXT NOT NULL,            -- space separated; empty = all
  keywords           TEXT NOT NULL,            -- one per line
  interest           TEXT NOT NULL,            -- free text, matched by meaning
  excluded           TEXT NOT NULL,            -- words to exclude, one per line
  status             TEXT NOT NULL,            -- pending | active | unsubscribed | suspended
  permanent_failures INTEGER NOT NULL,
  created_at         TEXT NOT NULL,
  confirmed_at       TEXT,
  ended_at           TEXT
);

-- One row per (subscriber, period) that was decided, with or without a mail: the unique key that
-- makes a digest impossible to send twice, written in the same transaction as its outbox row.
CREATE TABLE digest_runs (
  subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  period_key      TEXT NOT NULL,               -- daily:2026-11-29 | weekly:2026-W48
  papers          INTEGER NOT NULL,            -- 0: nothing new, no mail
  created_at      TEXT NOT NULL,
  PRIMARY KEY (subscription_id, period_key)
);

-- Every paper ever sent to a subscriber: never twice.
CREATE TABLE digest_sent_papers (
  subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  paper_id        TEXT NOT NULL,
  period_key      TEXT NOT NULL,
  PRIMARY KEY (subscription_id, paper_id)
);

-- db-scheduler's table (its documented schema), so the schedule survives restarts and is shared
-- safely by every process of a cluster.
CREATE TABLE scheduled_tasks (
  task_name            TEXT NOT NULL,
  task_instance        TEXT NOT NULL,
  task_data            ${blob},
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            TEXT,
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INTEGER,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
