/**
 * Opens the store (SQLite file by default, PostgreSQL in server mode) and applies every feature's
 * migrations ({@code db/migration/V<n>__<feature>.sql}) in one numbered sequence, never out of order:
 * a new migration takes a number above every one already landed, so a store that ran them all takes
 * it on top ({@code MigrationOrderTest} holds the landed numbers and checks this). Features own their
 * tables; this package only owns the connection, the dialect, backups and {@link org.paperboy.db.AppSecrets}.
 */
package org.paperboy.db;
