-- Owned by org.paperboy.search: vectors come in tiers of the same model. 'title' reads only the start
-- of a paper's text (its title and opening sentence: cheap, so every paper has one within minutes);
-- 'full' reads the whole title and abstract and replaces it in search once written. text_hash names
-- the text both came from, so a changed paper is embedded again.
-- The table is rebuilt because SQLite cannot change a UNIQUE constraint in place; ids start again,
-- so the search index (which follows them) rebuilds itself (its schema version changed with this).
CREATE TABLE paper_embeddings_v60 (
  id         ${id_pk},
  paper_id   TEXT NOT NULL,
  model      TEXT NOT NULL,
  tier       TEXT NOT NULL,      -- title | full
  text_hash  TEXT NOT NULL,
  vector     ${blob} NOT NULL,   -- float32 little-endian, unit length
  UNIQUE (paper_id, model, tier)
);
INSERT INTO paper_embeddings_v60 (paper_id, model, tier, text_hash, vector)
  SELECT paper_id, model, 'full', text_hash, vector FROM paper_embeddings ORDER BY id;
DROP TABLE paper_embeddings;
ALTER TABLE paper_embeddings_v60 RENAME TO paper_embeddings;
CREATE INDEX paper_embeddings_model_id ON paper_embeddings (model, id);

-- A worker's claim on embedding one paper in one tier: several `embed` processes (and `serve`) share
-- the backlog, and a vector is only written by the worker whose claim it still is. A killed worker's
-- claims run out at locked_until (epoch millis) and another takes them over.
CREATE TABLE embedding_claims (
  paper_id     TEXT NOT NULL,
  model        TEXT NOT NULL,
  tier         TEXT NOT NULL,
  worker       TEXT NOT NULL,
  locked_until BIGINT NOT NULL,
  PRIMARY KEY (paper_id, model, tier)
);
CREATE INDEX embedding_claims_worker ON embedding_claims (worker);

-- Vector writes take this row's lock first, so they commit in the order of their ids and an index
-- following "ids after the last one read" never skips a row that committed late (PostgreSQL hands
-- out ids before commit; SQLite writes one at a time anyway). value counts the vectors ever written.
CREATE TABLE embedding_write_order (
  name  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO embedding_write_order (name, value) SELECT 'vectors', COUNT(*) FROM paper_embeddings;
