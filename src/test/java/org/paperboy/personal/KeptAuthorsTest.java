package org.paperboy.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

class KeptAuthorsTest {
  private static int next = 1;

  private static Paper paper(String title, String abstractText, Author... authors) {
    String id = String.format("2605.%05d", next++);
    return new Paper(ArxivId.parse(id), 1, title, abstractText, "", List.of(authors), List.of("cs.CL"), null, null,
        null, null, null, null, List.of(), null, null, null);
  }

  private static Author author(String first, String last) {
    return new Author(last, first, "");
  }

  private static ForYouRanking.Kept kept(Paper p, double weight, String reason) {
    return ForYouRanking.Kept.of(p, null, weight, reason);
  }

  @Test
  void aPaperByAnAuthorOfKeptPapersIsLiftedByHowMuchOfTheirWorkWasKept() {
    Paper saved = paper("Parsing Hausa", "tone marks", author("José", "García"), author("Amina", "Bello"));
    Paper upvoted = paper("Hausa speech", "speech corpus", author("Jose", "Garcia"));
    Paper byBoth = paper("Whatever next", "unrelated words", author("JOSE", "GARCIA"));
    Paper sameLastName = paper("Another", "more words", author("María", "García"));
    Paper byCoauthor = paper("Third", "words", author("Amina", "Bello"));
    KeptAuthors.Index index = KeptAuthors.Index.of(List.of(byBoth, sameLastName, byCoauthor));

    Map<String, KeptAuthors.Lift> lifts = KeptAuthors.lifts(
        List.of(kept(saved, 1, "in your Reading list"), kept(upvoted, 0.5, "which you upvoted")), List.of(), index);

    assertThat(lifts).containsOnlyKeys(byBoth.id().value(), byCoauthor.id().value());
    assertThat(lifts.get(byBoth.id().value()).strength()).as("one save and one upvote: log2(1 + 1.5)")
        .isCloseTo(Math.log(2.5) / Math.log(2), within(1e-9));
    assertThat(lifts.get(byBoth.id().value()).why())
        .isEqualTo("by José García, an author of “Parsing Hausa” in your Reading list and 1 more you kept");
    assertThat(lifts.get(byCoauthor.id().value()).strength()).isCloseTo(1, within(1e-9));
    assertThat(lifts.get(byCoauthor.id().value()).why())
        .isEqualTo("by Amina Bello, an author of “Parsing Hausa” in your Reading list");
  }

  @Test
  void notInterestedInAnAuthorsPaperTakesBackOneKeptPaperOfThem() {
    Paper saved = paper("Parsing Hausa", "tone marks", author("Amina", "Bello"), author("Kofi", "Mensah"));
    Paper upvoted = paper("Hausa speech", "speech corpus", author("Amina", "Bello"));
    Paper dismissed = paper("Not for me", "words", author("Amina", "Bello"));
    Paper byHer = paper("Next", "more words", author("Amina", "Bello"));
    Paper byHim = paper("His next", "other words", author("Kofi", "Mensah"));
    KeptAuthors.Index index = KeptAuthors.Index.of(List.of(byHer, byHim));
    List<ForYouRanking.Kept> saves = List.of(kept(saved, 1, "in your Reading list"));
    List<ForYouRanking.Kept> no = List.of(kept(dismissed, 1, "you dismissed"));

    assertThat(KeptAuthors.lifts(saves, no, index)).as("one save less one dismissal: her papers by words alone")
        .containsOnlyKeys(byHim.id().value());
    Map<String, KeptAuthors.Lift> more = KeptAuthors.lifts(
        List.of(kept(saved, 1, "in your Reading list"), kept(upvoted, 0.5, "which you upvoted")), no, index);
    assertThat(more.get(byHer.id().value()).strength()).as("1 + ½ − 1 kept papers' worth: log2(1.5)")
        .isCloseTo(Math.log(1.5) / Math.log(2), within(1e-9));
  }

  @Test
  void aLargeCollaborationLendsItsAuthorsNothing() {
    Author[] many = IntStream.range(0, KeptAuthors.MAX_AUTHORS + 1).mapToObj(i -> author("Ann" + i, "Member"))
        .toArray(Author[]::new);
    Paper collaboration = paper("A detector", "events", many);
    Paper byOne = paper("Alone", "words", many[3]);
    Map<String, KeptAuthors.Lift> lifts = KeptAuthors.lifts(List.of(kept(collaboration, 1, "in your Reading list")),
        List.of(), KeptAuthors.Index.of(List.of(byOne)));
    assertThat(lifts).isEmpty();
  }

  @Test
  void theRankingLiftsTheKeptAuthorsNewPaperByTheWeightAndSaysWhose() {
    Paper keptPaper = paper("Tone marks in Hausa text", "We restore tone marks in Hausa text with a small model.",
        author("Amina", "Bello"));
    List<Paper> candidates = new ArrayList<>();
    Paper lookalike = paper("Diacritics for Yoruba", "We restore Yoruba tone marks with a larger model.",
        author("Someone", "Else"));
    Paper byAuthor = paper("Annotator agreement in sentiment corpora", "Agreement among annotators of sentiment.",
        author("Amina", "Bello"));
    candidates.add(lookalike);
    candidates.add(byAuthor);
    for (int i = 0; i < 30; i++) candidates.add(paper("Filler " + i, "graphs " + i + " and networks", author("F", "" + i)));
    CandidatePool pool = CandidatePool.of(candidates.stream().map(p -> CandidatePool.Candidate.of(p, null)).toList());
    KeptAuthors.Index index = KeptAuthors.Index.of(candidates);
    List<ForYouRanking.Kept> keptList = List.of(kept(keptPaper, 1, "in your Reading list"));
    ForYouRanking.Weights with = ForYouRanking.Weights.DEFAULT;
    ForYouRanking.Weights without = new ForYouRanking.Weights(with.words(), with.meaning(), with.categories(),
        with.power(), with.dismissed(), with.followed(), with.central(), with.meaningPower(), with.phrases(), 0);

    Map<String, ForYouRanking.Pick> lifted = picks(with, pool, index, keptList, Map.of());
    Map<String, ForYouRanking.Pick> plain = picks(without, pool, index, keptList, Map.of());
    String a = byAuthor.id().value(), l = lookalike.id().value();
    assertThat(lifted.get(a).score() - plain.get(a).score()).as("one kept paper by her: the weight × 1")
        .isCloseTo(with.authors(), within(1e-9));
    assertThat(lifted.get(l).score()).isEqualTo(plain.get(l).score());
    assertThat(lifted.get(a).why()).isEqualTo("by Amina Bello, an author of “Tone marks in Hausa text” in your Reading list");
    assertThat(plain.get(a).why()).startsWith("like “");
    assertThat(plain.get(a).score()).as("by words the lookalike leads").isLessThan(plain.get(l).score());

    Map<String, String> followed = Map.of(a, "by Amina Bello, whom you follow");
    assertThat(picks(with, pool, index, keptList, followed).get(a).why()).as("an explicit follow names itself")
        .isEqualTo("by Amina Bello, whom you follow");
  }

  private static Map<String, ForYouRanking.Pick> picks(ForYouRanking.Weights weights, CandidatePool pool,
      KeptAuthors.Index index, List<ForYouRanking.Kept> kept, Map<String, String> followed) {
    Map<String, ForYouRanking.Pick> out = new java.util.HashMap<>();
    new ForYouRanking(weights).rank(pool, index, kept, List.of(), followed, List.of(), pool.size())
        .forEach(p -> out.put(p.id(), p));
    return out;
  }
}
