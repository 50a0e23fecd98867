-- Owned by org.paperboy.db (StoreChanges): one number per table that what every page shows depends on,
-- raised in the same transaction as each write to that table by the triggers of migration 41.1
-- (org.paperboy.db.ChangeTriggers: code, as the two databases say triggers differently). Page caches on every node of a cluster compare these
-- numbers instead of counting the tables, so checking costs the same at 100 rows and at 10 million;
-- a write no code path can forget to count.
CREATE TABLE change_counters (
  name  TEXT PRIMARY KEY,   -- the table counted
  value BIGINT NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('votes', 0);
INSERT INTO change_counters (name, value) VALUES ('comments', 0);
INSERT INTO change_counters (name, value) VALUES ('daily_entries', 0);
