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
 * @param githubRepo the code repository the feed names ({@code paper.githubRepo}), null where it names none
 * @param projectPage the project page the feed names ({@code paper.projectPage}), null where it names none
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
    String submittedBy,
    String githubRepo,
    String projectPage) {

  /** A row from a feed that names no code. */
  public DailyFeedRow(LocalDate listingDate, ArxivId arxivId, String title, String abstractText, List<String> authors,
      int upvotes, int numComments, Instant arxivPublishedAt, Instant listedAt, String submittedBy) {
    this(listingDate, arxivId, title, abstractText, authors, upvotes, numComments, arxivPublishedAt, listedAt, submittedBy,
        null, null);
  }

  public DailyFeedRow {
    authors = List.copyOf(authors);
    if (upvotes < 0 || numComments < 0) throw new IllegalArgumentException("negative counts for " + arxivId);
  }
}
