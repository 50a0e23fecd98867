package org.paperboy.trending;

import java.time.Instant;
import java.time.LocalDate;
import org.paperboy.paper.Paper;

/**
 * A paper on one day's list with its community counts.
 *
 * @param listedAt when it joined the list
 * @param submittedBy who put it there, null when unknown
 */
public record DailyEntry(LocalDate listingDate, Paper paper, int upvotes, int comments, String submittedBy,
    Instant listedAt) {}
