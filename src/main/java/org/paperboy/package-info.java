/**
 * Paperboy. {@link org.paperboy.Config} is everything an instance is told (every default written
 * once); {@link org.paperboy.Paperboy} builds the store and the features from it, by hand, in one
 * constructor; {@link org.paperboy.Server} assembles the running server from the same config — the
 * index following the store, the outbox sender, background embedding, the digest schedule and the
 * web — and stops them in reverse order. The feature packages ({@code paper}, {@code ingest},
 * {@code trending}, {@code search}, {@code community}, {@code personal}, {@code mail}, {@code digest})
 * each own their tables and know nothing of {@code web} and {@code cli}, which are thin shells over them;
 * {@code db} opens the store and applies the migrations in one numbered sequence; {@code support} is
 * shared by all and depends only on {@code db}; {@code bench} measures the product from outside it.
 */
package org.paperboy;
