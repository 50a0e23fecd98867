-- Owned by org.paperboy.mail: every mail the application has accepted, until it is sent or given up.
-- A row is written in the same transaction as whatever caused the mail, under the caller's key, so
-- a mail is neither lost by a crash nor queued twice.
CREATE TABLE mail_outbox (
  id              ${id_pk},
  dedupe_key      TEXT NOT NULL UNIQUE,  -- the caller's idempotency key, e.g. digest:42:2026-11-29
  message_id      TEXT NOT NULL,         -- stable Message-ID, the same on every attempt
  recipient       TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text_body       TEXT NOT NULL,
  html_body       TEXT,
  headers         TEXT NOT NULL,         -- JSON object of extra headers (List-Unsubscribe, …)
  status          TEXT NOT NULL,         -- pending | sent | failed
  attempts        INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,       -- epoch millis: compared, so a number, not text
  locked_until    BIGINT,                -- epoch millis: a sender's lease on the row (cluster-safe claiming)
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
