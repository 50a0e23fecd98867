-- Owned by org.paperboy.db (AppSecrets): keys the application generates once and keeps, such as
-- the key that signs session cookies and unsubscribe links. Kept in the store so every process of a
-- cluster signs alike.
CREATE TABLE app_secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
