/**
 * Measuring Paperboy, apart from the product: {@code paperboy bench …} (import, search, http, digest, embed,
 * scale, for-you)
 * and {@code paperboy eval} (nDCG@10 and recall@100 of each search mode on a BEIR set; {@code eval recommend}
 * for the For you ranking), with what
 * they need and {@code serve} never does — {@link org.paperboy.bench.Evaluation},
 * {@link org.paperboy.bench.BeirSet}, {@link org.paperboy.bench.Metrics} and a
 * {@link org.paperboy.bench.LoopbackSmtpServer} that accepts mail as fast as it comes.
 *
 * <p>Promises: a benchmark prints figures and never passes or fails; it works on throw-away copies
 * (temporary directories, its own index) and leaves the data directory's store as it found it, apart
 * from caches (embeddings) that make a second run cheaper. Depends on the features and on
 * {@link org.paperboy.cli.GlobalOptions}; nothing in the product depends on it except the command list.
 * A new benchmark is one more class here and one more line in {@link org.paperboy.bench.BenchCommand}.
 */
package org.paperboy.bench;
