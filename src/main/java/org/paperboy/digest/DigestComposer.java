package org.paperboy.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperboy.paper.Paper;
import org.paperboy.trending.TrendingRanking;

/**
 * Chooses a subscriber's papers for a period: the period's trending papers (the site's own ranking),
 * filtered by categories and exclusions, narrowed to keyword or interest matches when the subscriber
 * gave any (matches rank higher the better they match), never a paper sent to them before.
 */
public final class DigestComposer {
  public static final int MAX_ITEMS = 10;
  /** How deep into the period's ranking a subscriber's topics may reach. */
  static final int CANDIDATES = 300;

  private final InterestMatcher interests;
  private final PersonalPicks personal;

  public DigestComposer(InterestMatcher interests) {
    this(interests, PersonalPicks.NONE);
  }

  /** @param personal the members' personal rankings, for subscriptions whose source is "for you" */
  public DigestComposer(InterestMatcher interests, PersonalPicks personal) {
    this.interests = interests;
    this.personal = personal;
  }

  /** The period's shared ranking: computed once, reused for every subscriber. */
  public record Candidates(Period period, TrendingRanking.Ranking ranking) {
    List<Paper> papers() {
      return ranking.entries().stream().map(r -> r.entry().paper()).toList();
    }
  }

  public static Candidates candidates(TrendingRanking trending, Period period) {
    TrendingRanking.Window window = period.daily() ? TrendingRanking.Window.DAY : TrendingRanking.Window.WEEK;
    return new Candidates(period, trending.rankEndingOn(window, period.lastDay(), CANDIDATES));
  }

  public Digest compose(Subscription s, Candidates c, Set<String> alreadySent) {
    if (s.forYou()) return composeForYou(s, c.period(), alreadySent);
    Topics t = s.topics();
    List<TrendingRanking.Ranked> ranked = c.ranking().entries();
    Map<String, Double> interestScores = t.interest().isEmpty() ? Map.of()
        : interests.match(t.interest(), ranked.stream().map(r -> r.entry().paper())
            .filter(p -> !alreadySent.contains(p.id().value()) && t.inCategories(p)).toList());
    String periodWord = c.period().daily() ? "today" : "this week";
    record Scored(Digest.Item item, double score) {}
    List<Scored> chosen = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      TrendingRanking.Ranked r = ranked.get(i);
      Paper p = r.entry().paper();
      if (alreadySent.contains(p.id().value()) || !t.inCategories(p) || t.exclusionIn(p) != null) continue;
      String keyword = t.keywordIn(p);
      Double interest = interestScores.get(p.id().value());
      boolean narrowedByText = !t.keywords().isEmpty() || !t.interest().isEmpty();
      if (narrowedByText && keyword == null && interest == null) continue;
      StringBuilder why = new StringBuilder("#" + (i + 1) + " trending " + periodWord + " (" + r.why() + ")");
      if (keyword != null) why.append("; matches '").append(keyword).append("'");
      if (interest != null) why.append("; close to your interest '").append(t.interest()).append("'");
      double boost = 1 + (keyword != null ? 1 : 0) + (interest != null ? interest : 0);
      chosen.add(new Scored(new Digest.Item(p, r.entry().upvotes(), r.entry().comments(), i + 1, why.toString()),
          (r.score() + 1e-9) * boost));
    }
    chosen.sort(Comparator.comparingDouble(Scored::score).reversed());
    return new Digest(s, c.period(), chosen.stream().limit(MAX_ITEMS).map(Scored::item).toList());
  }

  /**
   * The member's personal ranking, best first, minus what was sent before and what their categories and
   * exclusions rule out: the same guarantees as a trending digest, only the order is theirs.
   */
  private Digest composeForYou(Subscription s, Period period, Set<String> alreadySent) {
    Topics t = s.topics();
    List<Digest.Item> items = new ArrayList<>();
    int rank = 0;
    for (PersonalPicks.Pick pick : personal.forSubscriber(s, CANDIDATES)) {
      Paper p = pick.paper();
      rank++;
      if (alreadySent.contains(p.id().value()) || !t.inCategories(p) || t.exclusionIn(p) != null) continue;
      items.add(new Digest.Item(p, 0, 0, rank, "#" + rank + " for you: " + pick.why()));
      if (items.size() == MAX_ITEMS) break;
    }
    return new Digest(s, period, items);
  }
}
