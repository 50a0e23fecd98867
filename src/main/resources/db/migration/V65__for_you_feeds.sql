-- Owned by org.paperboy.personal: the generation of each member's private For you feed link. A row
-- exists once a member asked for a new link; no row is generation 0.
CREATE TABLE for_you_feeds (
  account_id  BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  generation  INTEGER NOT NULL
);
