package org.paperboy.paper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A paper as Paperboy knows it: the metadata of its latest known version plus its version history.
 * Text fields keep arXiv's characters (LaTeX, {@code <}, {@code &}) with whitespace normalised;
 * optional fields are null when the source did not say.
 *
 * @param latestVersion the highest version number known, 0 when the source gave no history
 * @param authorsLine the authors as one line, the way arXiv prints it
 * @param categories primary category first; never empty
 * @param lastUpdated the date of the latest metadata change
 * @param announcedOn the day the paper was announced, where known
 */
public record Paper(
    ArxivId id,
    int latestVersion,
    String title,
    String abstractText,
    String authorsLine,
    List<Author> authors,
    List<String> categories,
    String comments,
    String journalRef,
    String doi,
    String reportNo,
    String license,
    String submitter,
    List<Version> versions,
    Instant firstSubmitted,
    LocalDate lastUpdated,
    LocalDate announcedOn) {

  /** The category of a paper known only from a daily list, until arXiv's metadata arrives. */
  public static final String UNKNOWN_CATEGORY = "unknown";

  public Paper {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(abstractText, "abstract");
    authorsLine = authorsLine == null ? "" : authorsLine;
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
    versions = versions.stream().sorted().toList();
    if (categories.isEmpty()) throw new IllegalArgumentException("paper " + id + " has no category");
  }

  public String primaryCategory() {
    return categories.getFirst();
  }

  /** The day a reader would call this paper's date: announced if known, else first submitted, else updated. */
  public LocalDate publishedOn() {
    if (announcedOn != null) return announcedOn;
    if (firstSubmitted != null) return LocalDate.ofInstant(firstSubmitted, java.time.ZoneOffset.UTC);
    return lastUpdated;
  }
}
