/**
 * Search: finds papers by words (BM25), by meaning (sentence embeddings) and by both fused, and finds
 * the papers most like a given one.
 *
 * <p>Owns the {@code paper_embeddings}, {@code embedding_claims} and {@code embedding_write_order} tables
 * ({@code V3__search.sql}, {@code V60__search_vector_tiers.sql}) and the Lucene index in
 * {@code DATA/index}, and the model's static token table in {@code DATA/cache}. All are derived from the paper store: the index follows the store's change
 * cursor and can be rebuilt at any time ({@code ./paperboy reindex}); vectors are computed once per
 * paper text and model ({@code ./paperboy embed}). Callers use {@link org.paperboy.search.SearchService};
 * expected failures (a query that cannot be understood) are {@link org.paperboy.support.Refusal}s
 * whose message can be shown to the person who typed it. Snippets are HTML, escaped, with
 * {@code <mark>} around matches. Every result list and similar-papers list carries its
 * {@link org.paperboy.search.Basis}: whether it was ranked by words, meaning or both, and how much of
 * the corpus had vectors; missing vectors never rank a list below what keywords alone would.
 */
package org.paperboy.search;
