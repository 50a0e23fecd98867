-- Owned by org.paperboy.ingest: where each OAI-PMH harvest stands, one row per endpoint, metadata
-- format and set ('' = the whole repository). The harvester writes a row in the same transaction
-- as the papers of the page it describes, so after a crash it is never ahead of or behind them.
CREATE TABLE harvest_checkpoints (
  endpoint          TEXT NOT NULL,
  metadata_format   TEXT NOT NULL,     -- arXivRaw or arXiv
  set_spec          TEXT NOT NULL,     -- cs, cs:cs:AI, … or '' for everything
  run_from          TEXT,              -- the from day of the run in progress or last finished; null = from the start
  resumption_token  TEXT,              -- the next page of the run in progress; null once the run finished
  run_response_date TEXT,              -- responseDate of the run's first response (ISO-8601 instant)
  next_from         TEXT,              -- the from day of the next incremental run (the last finished run's start)
  pages             BIGINT NOT NULL,   -- pages committed by this run so far
  records           BIGINT NOT NULL,   -- records on those pages
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (endpoint, metadata_format, set_spec)
);
