-- Owned by org.paperboy.search: one sentence embedding per paper and model, of the text named by
-- text_hash (title + abstract), so a paper is embedded again only when that text changes.
-- id grows with every write (a re-embedding deletes and inserts), so the search index follows new
-- vectors by remembering the highest id it has read, as it follows papers by change_seq.
CREATE TABLE paper_embeddings (
  id         ${id_pk},
  paper_id   TEXT NOT NULL,
  model      TEXT NOT NULL,
  text_hash  TEXT NOT NULL,
  vector     ${blob} NOT NULL,   -- float32 little-endian, unit length
  UNIQUE (paper_id, model)
);
CREATE INDEX paper_embeddings_model_id ON paper_embeddings (model, id);
