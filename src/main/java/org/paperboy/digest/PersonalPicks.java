package org.paperboy.digest;

import java.util.List;
import org.paperboy.paper.Paper;

/**
 * A member's personal ranking, for subscriptions whose source is "for you": the personal feature
 * provides it (wired where everything is assembled), so the digest needs no knowledge of how it ranks.
 */
@FunctionalInterface
public interface PersonalPicks {
  /** A ranked paper and why it is there. */
  record Pick(Paper paper, String why) {}

  /** The best papers for the subscriber's account, best first; empty when the address is no member's. */
  List<Pick> forSubscriber(Subscription subscription, int limit);

  PersonalPicks NONE = (s, limit) -> List.of();
}
