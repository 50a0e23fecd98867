-- Owned by org.paperboy.paper: the index a derived index reads the store by, the cursor
-- (change_seq, id) in order. With change_seq alone, SQLite 3.54 answered the cursor query
-- (then written with OR) by collecting and sorting every row after the cursor for each batch of
-- 2,000: a rebuild of 750,000 papers spent most of its first minutes there (quadratic in the store).
CREATE INDEX papers_change_cursor ON papers (change_seq, id);
DROP INDEX papers_change_seq;
