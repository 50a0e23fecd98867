/**
 * Opens the store (SQLite file by default, PostgreSQL in server mode) and applies every feature's
 * migrations. Features own their tables; this package only owns the connection and the dialect.
 */
package org.paperboy.db;
