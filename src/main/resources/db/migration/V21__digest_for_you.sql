-- Owned by org.paperboy.digest, added with the personal feature: where a subscription's papers come
-- from. 'trending' (the site's ranking, narrowed by topics) or 'for-you' (the member's personal ranking).
ALTER TABLE subscriptions ADD COLUMN source TEXT NOT NULL DEFAULT 'trending';
