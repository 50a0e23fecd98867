-- Owned by org.paperboy.trending: which papers were on which day's list, with the community counts
-- that came with them. Counts imported from a daily-papers feed are a baseline that Paperboy's own
-- votes add to. Dates and instants are ISO-8601 text so SQLite and PostgreSQL sort them alike.
CREATE TABLE daily_entries (
  listing_date      TEXT NOT NULL,     -- the day's list the paper is on: 2024-05-27
  paper_id          TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  baseline_upvotes  INTEGER NOT NULL,
  baseline_comments INTEGER NOT NULL,
  submitted_by      TEXT,              -- who put it on the list, where the feed says
  listed_at         TEXT NOT NULL,     -- instant it joined the list (the listing day's midnight UTC if unknown)
  PRIMARY KEY (listing_date, paper_id)
);
CREATE INDEX daily_entries_paper ON daily_entries (paper_id);
CREATE INDEX daily_entries_listed_at ON daily_entries (listed_at);
