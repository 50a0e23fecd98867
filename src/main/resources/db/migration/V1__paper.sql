-- Owned by org.paperboy.paper: one row per arXiv paper (its latest known version), plus its
-- version history. Dates are ISO-8601 text so both SQLite and PostgreSQL sort them alike.
CREATE TABLE papers (
  id               TEXT PRIMARY KEY,   -- normalised arXiv id without version: 2401.01234, hep-th/9901001
  latest_version   INTEGER NOT NULL,   -- 0 when the source gave no version history
  title            TEXT NOT NULL,
  abstract         TEXT NOT NULL,
  authors          TEXT NOT NULL,      -- the authors line as arXiv gives it (whitespace normalised)
  authors_parsed   TEXT NOT NULL,      -- JSON [[last, first, suffix], ...] in order
  primary_category TEXT,
  categories       TEXT NOT NULL,      -- space separated, primary first
  comments         TEXT,
  journal_ref      TEXT,
  doi              TEXT,
  report_no        TEXT,
  license          TEXT,
  submitter        TEXT,
  first_submitted  TEXT,               -- instant v1 was submitted
  last_updated     TEXT,               -- date of the latest metadata change
  announced_on     TEXT,               -- date the paper was announced, where known
  content_hash     TEXT NOT NULL,      -- of every field above: tells "unchanged" from "updated"
  change_seq       BIGINT NOT NULL     -- grows with every write; derived indexes follow it
);
CREATE INDEX papers_primary_category ON papers (primary_category);
CREATE INDEX papers_announced_on ON papers (announced_on);
CREATE INDEX papers_change_seq ON papers (change_seq);

CREATE TABLE paper_versions (
  paper_id     TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  submitted_at TEXT,
  size         TEXT,
  PRIMARY KEY (paper_id, version)
);

CREATE TABLE paper_change_counter (
  name  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO paper_change_counter (name, value) VALUES ('papers', 0);
