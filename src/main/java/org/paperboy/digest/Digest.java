package org.paperboy.digest;

import java.util.List;
import org.paperboy.paper.Paper;

/** One subscriber's digest for one period: the papers, best first, each with why it is there. */
public record Digest(Subscription subscription, Period period, List<Item> items) {
  public record Item(Paper paper, int upvotes, int comments, int trendingRank, String why) {}

  public boolean empty() {
    return items.isEmpty();
  }
}
