-- Owned by org.paperboy.support (RateLimiter): token buckets shared by every process of a cluster on
-- PostgreSQL, so a visitor cannot get twice the limit by alternating nodes. One row per key; a row
-- idle for an hour is full again and is deleted. (SQLite stores run one server: buckets stay in memory.)
CREATE TABLE rate_buckets (
  bucket_key TEXT PRIMARY KEY,
  tokens     DOUBLE PRECISION NOT NULL,
  at_millis  BIGINT NOT NULL,
  allowed    BOOLEAN NOT NULL
);
CREATE INDEX rate_buckets_at ON rate_buckets (at_millis);
