package org.paperboy.trending;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.paperboy.paper.ArxivId;

/**
 * One paper on one day's list, as a daily-papers feed reports it, whatever shape the feed had.
 *
 * @param arxivPublishedAt when arXiv published the paper, where the feed says
 * @param listedAt when the paper joined the day's list
 * @param submittedBy the name of who submitted it to the list, null where the feed does not say
 */
public record DailyFeedRow(
    LocalDate listingDate,
    ArxivId arxivId,
    String title,
    String abstractText,
    List<String> authors,
    int upvotes,
    int numComments,
    Instant arxivPublishedAt,
    Instant listedAt,
    String submittedBy) {

  public DailyFeedRow {
    authors = List.copyOf(authors);
    if (upvotes < 0 || numComments < 0) throw new IllegalArgumentException("negative counts for " + arxivId);
  }
}
