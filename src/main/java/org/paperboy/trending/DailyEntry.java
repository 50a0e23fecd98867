package org.paperboy.trending;

import java.time.Instant;
import java.time.LocalDate;
import org.paperboy.paper.Paper;

/**
 * A paper on one day's list with its community counts.
 *
 * @param comments the source list's baseline plus the comments written here
 * @param commentsHere the comments written here
 * @param listedAt when it joined the list
 * @param submittedBy who put it there, null when unknown
 */
public record DailyEntry(LocalDate listingDate, Paper paper, int upvotes, int comments, int commentsHere,
    String submittedBy, Instant listedAt) {
  /** See {@link Activity#commentsLabel()}. */
  public String commentsLabel() {
    return Activity.commentsLabel(comments, commentsHere);
  }
}
