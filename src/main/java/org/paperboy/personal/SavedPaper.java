package org.paperboy.personal;

import java.time.Instant;
import org.paperboy.paper.ArxivId;

/** A paper in a collection, and when it was put there. */
public record SavedPaper(ArxivId paper, long collectionId, String collectionName, Instant addedAt) {}
