package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.TestData;
import org.paperboy.db.Database;
import org.paperboy.db.StoreKinds;
import org.paperboy.db.TestDatabases;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.support.MutableClock;

class VectorClaimsTest {
  private static final EmbeddingModel MODEL = EmbeddingModel.MINILM;
  private static final Duration LEASE = Duration.ofMinutes(1);

  @TempDir Path dir;

  private record World(Database db, List<Paper> papers, EmbeddingStore vectors, VectorClaims claims, MutableClock clock)
      implements AutoCloseable {
    VectorClaims.Candidate candidate(int i) {
      return new VectorClaims.Candidate(papers.get(i).id().value(), EmbeddingStore.textHash(papers.get(i)));
    }

    List<VectorClaims.Candidate> candidates(int from, int to) {
      List<VectorClaims.Candidate> out = new ArrayList<>();
      for (int i = from; i < to; i++) out.add(candidate(i));
      return out;
    }

    @Override
    public void close() {
      db.close();
    }
  }

  private World world(String kind) {
    Database db = TestDatabases.open(kind, dir);
    PaperStore store = new PaperStore(db);
    new SnapshotImporter(store).importFile(TestData.path("arxiv/kaggle-head-200.jsonl"), true, false, r -> {});
    List<Paper> papers = store.changedAfter(0, "", 60).stream().map(PaperStore.StoredPaper::paper).toList();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    return new World(db, papers, new EmbeddingStore(db), new VectorClaims(db, clock), clock);
  }

  private static float[][] someVectors(int n) {
    float[][] v = new float[n][];
    for (int i = 0; i < n; i++) v[i] = new float[] {1, i, 0};
    return v;
  }

  @StoreKinds
  void aPaperAnotherWorkerHoldsIsNotClaimedAgain(String kind) {
    try (World w = world(kind)) {
      VectorClaims.Outcome first = w.claims().claim(MODEL, VectorTier.FULL, w.candidates(0, 3), "a", LEASE);
      VectorClaims.Outcome second = w.claims().claim(MODEL, VectorTier.FULL, w.candidates(1, 4), "b", LEASE);
      assertThat(first.won()).hasSize(3);
      assertThat(second.won()).containsExactly(w.candidate(3).paperId());
      assertThat(second.heldByOthers()).containsExactly(w.candidate(1).paperId(), w.candidate(2).paperId());
      // the other tier is other work
      assertThat(w.claims().claim(MODEL, VectorTier.TITLE, w.candidates(0, 3), "b", LEASE).won()).hasSize(3);
    }
  }

  @StoreKinds
  void aClaimThatRanOutGoesToAnotherWorkerAndTheSlowOneWritesNothing(String kind) {
    try (World w = world(kind)) {
      List<Paper> one = List.of(w.papers().getFirst());
      assertThat(w.claims().claim(MODEL, VectorTier.FULL, w.candidates(0, 1), "slow", LEASE).won()).hasSize(1);
      w.clock().advance(LEASE.plusSeconds(1));
      assertThat(w.claims().claim(MODEL, VectorTier.FULL, w.candidates(0, 1), "fast", LEASE).won()).hasSize(1);

      assertThat(w.vectors().putClaimed(MODEL, VectorTier.FULL, "slow", one, someVectors(1)))
          .as("a worker whose claim was taken over writes nothing").isZero();
      assertThat(w.vectors().putClaimed(MODEL, VectorTier.FULL, "fast", one, someVectors(1))).isEqualTo(1);
      assertThat(w.vectors().count(MODEL, VectorTier.FULL)).isEqualTo(1);
      assertThat(w.vectors().writtenEver()).isEqualTo(1);
      // written and finished: a later claim finds it done instead of claiming it
      VectorClaims.Outcome again = w.claims().claim(MODEL, VectorTier.FULL, w.candidates(0, 1), "third", LEASE);
      assertThat(again.won()).isEmpty();
      assertThat(again.done()).containsExactly(w.candidate(0).paperId());
      assertThat(w.claims().live()).isZero();
    }
  }

  @StoreKinds
  void aPaperWithItsFullVectorNeedsNoQuickOneUnlessEveryTierIsAskedFor(String kind) {
    try (World w = world(kind)) {
      w.vectors().put(MODEL, VectorTier.FULL, List.of(w.papers().getFirst()), someVectors(1));
      assertThat(w.claims().claim(MODEL, VectorTier.TITLE, w.candidates(0, 1), "a", LEASE).done()).hasSize(1);
      assertThat(w.claims().claim(MODEL, VectorTier.TITLE, w.candidates(0, 1), "a", LEASE, false).won()).hasSize(1);
    }
  }

  /** Four threads race for the same 60 papers in random batches: every paper is won exactly once. */
  @StoreKinds
  void racingWorkersNeverClaimOnePaperTwice(String kind) throws Exception {
    long seed = new Random().nextLong();
    try (World w = world(kind)) {
      List<VectorClaims.Candidate> all = w.candidates(0, w.papers().size());
      Set<String> won = ConcurrentHashMap.newKeySet();
      List<String> twice = Collections.synchronizedList(new ArrayList<>());
      List<Thread> racers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random random = new Random(seed + t);
        String worker = "w" + t;
        racers.add(Thread.ofPlatform().start(() -> {
          List<VectorClaims.Candidate> mine = new ArrayList<>(all);
          Collections.shuffle(mine, random);
          for (int i = 0; i < mine.size(); i += 5) {
            for (String id : w.claims().claim(MODEL, VectorTier.FULL, mine.subList(i, Math.min(mine.size(), i + 5)), worker,
                LEASE).won()) {
              if (!won.add(id)) twice.add(id);
            }
          }
        }));
      }
      for (Thread t : racers) t.join();
      assertThat(twice).as("papers won by two workers (seed %d)", seed).isEmpty();
      assertThat(new HashSet<>(won)).as("seed %d", seed).hasSize(all.size());
    }
  }
}
