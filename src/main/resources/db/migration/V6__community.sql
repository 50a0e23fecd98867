-- Owned by org.paperboy.community: members, their sign-in links, votes, comments and the audit log.
CREATE TABLE accounts (
  id                   ${id_pk},
  email                TEXT NOT NULL UNIQUE,   -- lower-cased
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL,          -- member | curator | admin
  affiliation          TEXT,
  links                TEXT,                   -- one URL per line
  sessions_valid_after BIGINT NOT NULL,        -- epoch millis: "sign out everywhere" moves it to now
  created_at           TEXT NOT NULL
);

-- A sign-in link's token is stored only as its SHA-256; the link itself exists only in the mail.
CREATE TABLE signin_tokens (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  expires_at BIGINT NOT NULL,                  -- epoch millis
  used_at    BIGINT
);

CREATE TABLE votes (
  paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (paper_id, account_id)           -- one vote per member per paper, whatever the concurrency
);

CREATE TABLE comments (
  id         ${id_pk},
  paper_id   TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  parent_id  BIGINT REFERENCES comments (id),  -- replies are one level deep
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at  TEXT,
  deleted_at TEXT,                             -- deleted by its author: shown as a gap in the thread
  hidden_by  BIGINT REFERENCES accounts (id)   -- hidden by a curator
);
CREATE INDEX comments_paper ON comments (paper_id, id);

CREATE TABLE audit_log (
  id       ${id_pk},
  at       TEXT NOT NULL,
  actor_id BIGINT NOT NULL,
  action   TEXT NOT NULL,
  target   TEXT NOT NULL,
  detail   TEXT
);
