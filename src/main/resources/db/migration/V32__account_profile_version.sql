-- Owned by org.paperboy.community: counts a member's profile changes, so pages that show their name
-- (comment threads, kept in page caches) know when it changed.
ALTER TABLE accounts ADD COLUMN profile_version BIGINT NOT NULL DEFAULT 0;
