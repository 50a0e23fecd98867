-- Owned by org.paperboy.personal: what a member keeps (collections), follows and dismisses.
-- Everything here belongs to one account and goes with it (ON DELETE CASCADE).
CREATE TABLE collections (
  id          ${id_pk},
  account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  is_default  INTEGER NOT NULL DEFAULT 0,   -- 1 for the "Reading list" every member has
  is_public   INTEGER NOT NULL DEFAULT 0,   -- 0: only its owner sees it (others get 404)
  created_at  TEXT NOT NULL,
  UNIQUE (account_id, name)
);

CREATE TABLE collection_papers (
  collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id      TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  added_at      TEXT NOT NULL,
  PRIMARY KEY (collection_id, paper_id)     -- saving twice keeps one row, whatever the concurrency
);
CREATE INDEX collection_papers_paper ON collection_papers (paper_id);

-- A follow: an author (target = the name), a category (target = cs.CL) or a saved search
-- (target = the query, filters = "mode=…&category=…"). Its Atom feed URL carries a token signed
-- over (id, generation); revoking bumps the generation, so old URLs stop working.
CREATE TABLE follows (
  id          ${id_pk},
  account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,                -- author | category | search
  target      TEXT NOT NULL,
  filters     TEXT NOT NULL DEFAULT '',
  generation  INTEGER NOT NULL DEFAULT 0,
  in_digest   INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  UNIQUE (account_id, kind, target, filters)
);

CREATE TABLE dismissals (
  account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  paper_id    TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, paper_id)
);

-- Bumped by every save, unsave, follow and dismissal of the account: the ranking's cache key.
CREATE TABLE personal_versions (
  account_id  BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  version     BIGINT NOT NULL
);
