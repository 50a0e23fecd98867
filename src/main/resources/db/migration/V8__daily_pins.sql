-- Owned by org.paperboy.trending: curators pin entries to the top of their day's list.
ALTER TABLE daily_entries ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
