/**
 * Getting arXiv metadata into the paper store: {@link org.paperboy.ingest.SnapshotImporter} (the
 * JSON-lines metadata snapshot), {@link org.paperboy.ingest.OaiPmhHarvester} (OAI-PMH ListRecords
 * in the arXivRaw or arXiv format) and {@link org.paperboy.ingest.ArxivApiClient} (the Atom API,
 * by id). Owns the {@code harvest_checkpoints} table ({@code V2__ingest.sql}) and writes papers only
 * through {@link org.paperboy.paper.PaperStore}.
 *
 * <p>Promises: every write is idempotent, and an interrupted import or harvest, run again, leaves
 * the store as one clean run would (a harvest page and its checkpoint commit in one transaction).
 * arXiv is treated politely: one connection, at least 3 s between requests, Retry-After honoured,
 * bounded retries with backoff. XML from the network is parsed streaming with DTDs and external
 * entities off. Expected failures are {@link org.paperboy.support.Refusal}s worded for the user
 * (bad input for unreadable files and malformed lines, not found for ids arXiv does not know,
 * unavailable when arXiv fails or asks to come back much later).
 */
package org.paperboy.ingest;
