package org.paperboy.trending;

import org.paperboy.support.Plural;

/**
 * The counts shown for a paper anywhere (its page, the API, the vote button's answer): the highest
 * imported baseline of its listings plus the community's own upvotes and comments; a paper never
 * listed has the community's counts alone.
 *
 * @param comments all comments: those the source list counted (its baseline) and those written here
 * @param commentsHere the comments written here, which are the only ones a paper's page can show
 */
public record Activity(int upvotes, int comments, int commentsHere) {
  /** The comments counted by the list the paper was imported from, which this site does not have. */
  public int commentsOnSource() {
    return comments - commentsHere;
  }

  /** How a comment count reads everywhere: "2 comments", or "3 comments on the source list · 0 here". */
  public String commentsLabel() {
    return commentsLabel(comments, commentsHere);
  }

  /** The one wording of a comment count, for anything that holds the two numbers. */
  public static String commentsLabel(int comments, int commentsHere) {
    int onSource = comments - commentsHere;
    if (onSource <= 0) return Plural.of(commentsHere, "comment");
    return Plural.of(onSource, "comment") + " on the source list · " + commentsHere + " here";
  }
}
