package org.paperboy.personal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/**
 * The authors whose papers a member keeps, as a signal of its own: a new paper by one of them is lifted
 * whatever its words. A group's next paper often changes topic (in the recommend set, half of an
 * author's next papers read less like their last ten than hundreds of other papers of their field do),
 * so a member who saved three papers of an author should see the fourth even when it is about something
 * else; an explicit follow ({@link FollowMatcher}) says the same louder. Names match whole, accents and
 * case ignored ({@link FollowMatcher#fold(Author)}): the last name alone would join every "Wang". A paper with
 * more than {@value #MAX_AUTHORS} authors lends its authors nothing: a large collaboration's author list
 * says little about whose work a member reads. "Not interested" in an author's paper takes back one kept
 * paper's worth of that author: a member who saved one of their papers and dismissed another is shown
 * the next by its words alone.
 */
public final class KeptAuthors {
  static final int MAX_AUTHORS = 20;

  /**
   * How far a candidate is lifted before the ranking's weight: log₂(1 + the weight of the kept papers
   * by its best-known author), so one saved paper gives 1, three give 2, and it grows slowly after.
   */
  public record Lift(double strength, String why) {}

  /** The candidates of a window by author name (folded), built once for everyone. */
  public static final class Index {
    public static final Index EMPTY = new Index(Map.of());
    private final Map<String, List<String>> idsByName;

    private Index(Map<String, List<String>> idsByName) {
      this.idsByName = idsByName;
    }

    public static Index of(Collection<Paper> candidates) {
      Map<String, List<String>> byName = new HashMap<>();
      for (Paper p : candidates) {
        if (p.authors().size() > MAX_AUTHORS) continue;
        for (Name name : names(p)) byName.computeIfAbsent(name.folded(), k -> new ArrayList<>(2)).add(p.id().value());
      }
      return byName.isEmpty() ? EMPTY : new Index(byName);
    }

    boolean isEmpty() {
      return idsByName.isEmpty();
    }
  }

  private KeptAuthors() {}

  /** An author as a page shows them and as names match ({@link FollowMatcher#fold(Author)}). */
  public record Name(String shown, String folded) {}

  /** A paper's authors as the ranking reads them, each once. */
  public static List<Name> names(Paper p) {
    List<Name> out = new ArrayList<>(p.authors().size());
    for (Author a : p.authors()) {
      String folded = FollowMatcher.fold(a);
      if (folded.isEmpty() || out.stream().anyMatch(n -> n.folded().equals(folded))) continue;
      out.add(new Name(a.displayName(), folded));
    }
    return out;
  }

  /**
   * The lift of every candidate (by id) that an author of a kept paper wrote, less one kept paper's worth
   * for each of that author's papers the member dismissed; the others are absent.
   */
  public static Map<String, Lift> lifts(List<ForYouRanking.Kept> kept, List<ForYouRanking.Kept> dismissed,
      Index index) {
    if (kept.isEmpty() || index.isEmpty()) return Map.of();
    Map<String, Double> weight = new HashMap<>();
    Map<String, List<ForYouRanking.Kept>> papersOf = new HashMap<>();
    for (ForYouRanking.Kept k : kept) {
      if (k.authors().size() > MAX_AUTHORS) continue;
      for (Name name : k.authors()) {
        if (!index.idsByName.containsKey(name.folded())) continue;
        weight.merge(name.folded(), k.weight(), Double::sum);
        papersOf.computeIfAbsent(name.folded(), n -> new ArrayList<>()).add(k);
      }
    }
    for (ForYouRanking.Kept d : dismissed) {
      if (d.authors().size() > MAX_AUTHORS) continue;
      for (Name name : d.authors()) weight.computeIfPresent(name.folded(), (n, w) -> w - 1);
    }
    Map<String, Lift> out = new HashMap<>();
    for (Map.Entry<String, Double> e : weight.entrySet()) {
      if (e.getValue() <= 0) continue;
      List<ForYouRanking.Kept> ks = papersOf.get(e.getKey());
      // the heaviest kept paper names the author's work (the first, most recent, among equals)
      ForYouRanking.Kept example = ks.getFirst();
      for (ForYouRanking.Kept k : ks) if (k.weight() > example.weight()) example = k;
      String shown = example.authors().stream().filter(n -> n.folded().equals(e.getKey())).findFirst()
          .map(Name::shown).orElse(e.getKey());
      String why = "by " + shown + ", an author of “" + example.title() + "” " + example.reason()
          + (ks.size() == 1 ? "" : " and " + (ks.size() - 1) + " more you kept");
      Lift lift = new Lift(Math.log1p(e.getValue()) / Math.log(2), why);
      for (String id : index.idsByName.get(e.getKey())) {
        // a paper by several such authors takes the best-known one (ties: the name first in order)
        out.merge(id, lift, (a, b) -> b.strength() > a.strength()
            || (b.strength() == a.strength() && b.why().compareTo(a.why()) < 0) ? b : a);
      }
    }
    return out;
  }
}
