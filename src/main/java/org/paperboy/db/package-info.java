/**
 * Opens the store (SQLite file by default, PostgreSQL in server mode) and applies every feature's
 * migrations ({@code db/migration/V<n>__<feature>.sql}; each line of work takes numbers from its own
 * range so parallel work never collides). Features own their tables; this package only owns the
 * connection, the dialect and {@link org.paperboy.db.AppSecrets}.
 */
package org.paperboy.db;
