/**
 * The paper model ({@link org.paperboy.paper.Paper}, {@link org.paperboy.paper.ArxivId}, authors,
 * versions) and {@link org.paperboy.paper.PaperStore}, which owns the {@code papers} and
 * {@code paper_versions} tables. {@link org.paperboy.paper.ArxivId#parse} is the one reader of ids,
 * however they arrive (files, feeds, forms, URLs, the command line). Promise: upserts are idempotent and never let an older version
 * overwrite a newer one; every write bumps a change number that derived indexes follow.
 */
package org.paperboy.paper;
