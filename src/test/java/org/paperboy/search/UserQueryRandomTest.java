package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.paperboy.support.Randomized;
import org.paperboy.support.Refusal;

/** The search syntax, attacked with random text and with random well-formed queries whose meaning is known. */
class UserQueryRandomTest {
  private static final int ROUNDS = 2_000;
  private static final Analyzer ANALYZER = PaperIndex.analyzer();
  private static final List<String> WORDS = List.of("graph", "neural", "diffusion", "protein", "sparse", "autoencoder",
      "transformer", "quantum", "lattice", "hinton", "vision", "retrieval");
  private static final List<String> STOP = List.of("the", "of", "and", "a", "in");

  private static UserQuery parse(String text) {
    return UserQuery.parse(text, ANALYZER, UserQuery.Boosts.DEFAULT);
  }

  @Randomized
  void anyTextIsEitherAQueryOrOneBadInputLine(Random random) {
    String alphabet = "ab xyz\"-:ti:au:cat:abs:*.()[]~^!?\\/\t\n\u00e9\u4e2d\u0000\u202eTHE of 19";
    for (int i = 0; i < ROUNDS; i++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(random.nextInt(50) == 0 ? 600 : 40);
      for (int c = 0; c < len; c++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String text = b.toString();
      Throwable t = catchThrowable(() -> {
        UserQuery q = parse(text);
        assertThat(parse(text)).as("the same text parses the same").isEqualTo(q);
        assertThat(parse("  " + text + "\n")).as("surrounding space changes nothing").isEqualTo(q);
      });
      if (t != null) {
        assertThat(t).as("'%s'", text).isInstanceOf(Refusal.class);
        assertThat(((Refusal) t).kind()).isEqualTo(Refusal.Kind.BAD_INPUT);
        assertThat(t.getMessage()).isNotBlank().doesNotContain("\n");
      }
    }
  }

  /** Random queries made of known parts: the constraints are exactly what the parts ask for. */
  @Randomized
  void eachPartOfAQueryBecomesTheConstraintItAsksFor(Random random) {
    for (int i = 0; i < ROUNDS; i++) {
      StringBuilder text = new StringBuilder();
      int bare = 0, excluded = 0, required = 0, filters = 0;
      int parts = 1 + random.nextInt(6);
      for (int p = 0; p < parts; p++) {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        switch (random.nextInt(7)) {
          case 0, 1 -> {
            text.append(word);
            bare++;
          }
          case 2 -> {
            text.append('-').append(word);
            excluded++;
          }
          case 3 -> {
            text.append(List.of("ti:", "abs:", "au:").get(random.nextInt(3))).append(word);
            required++;
          }
          case 4 -> {
            text.append('"').append(word).append(' ').append(WORDS.get(random.nextInt(WORDS.size()))).append('"');
            required++;
          }
          case 5 -> {
            text.append("cat:").append(random.nextBoolean() ? "cs" : "cs.LG");
            filters++;
          }
          default -> text.append(STOP.get(random.nextInt(STOP.size()))); // a common word adds nothing
        }
        text.append(random.nextBoolean() ? " " : "  \t");
      }
      String q = text.toString();
      if (bare + required == 0 && excluded + filters == 0) {
        Throwable t = catchThrowable(() -> parse(q));
        assertThat(t).as("'%s' has only common words", q).isInstanceOf(Refusal.class).hasMessageContaining("common words");
        continue;
      }
      UserQuery parsed = parse(q);
      List<UserQuery.Constraint> c = parsed.constraints();
      assertThat(c.stream().filter(x -> x.occur() == Occur.MUST_NOT)).as("'%s' exclusions", q).hasSize(excluded);
      assertThat(c.stream().filter(x -> x.occur() == Occur.MUST)).as("'%s' requirements", q).hasSize(required);
      assertThat(c.stream().filter(x -> x.occur() == Occur.FILTER)).as("'%s' category filters", q).hasSize(filters);
      assertThat(c).as("'%s': only required words score", q).allSatisfy(x -> assertThat(x.scores()).isEqualTo(x.occur() == Occur.MUST));
      assertThat(parsed.ranking() instanceof MatchAllDocsQuery).as("'%s' ranks by nothing", q).isEqualTo(bare + required == 0);
    }
  }
}
