-- Owned by org.paperboy.community: one row per signed-in browser. The cookie carries a random token;
-- only its SHA-256 is kept here, so a copy of the store signs nobody in. Signing out deletes the row:
-- a copied cookie stops working on every node at once, since they all read this table.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,  -- epoch millis
  expires_at BIGINT NOT NULL   -- epoch millis
);
CREATE INDEX sessions_account ON sessions (account_id);
