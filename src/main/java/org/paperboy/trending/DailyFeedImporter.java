package org.paperboy.trending;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;
import org.paperboy.paper.Author;
import org.paperboy.paper.AuthorNames;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperText;

/**
 * Puts the rows of a daily-papers feed on their days' lists. A paper the store lacks is created from
 * the row; a paper it has keeps its metadata untouched, since arXiv's is richer than the feed's.
 * Counts only grow (the maximum of what was seen), so importing files again, or in another order,
 * ends in the same store.
 */
public final class DailyFeedImporter {
  /**
   * The feed names no arXiv category; a paper created from it carries this one until arXiv's
   * metadata for it is imported, which then replaces it (the feed-made paper has no update date, so
   * arXiv's record is never taken for an older one).
   */
  public static final String UNKNOWN_CATEGORY = org.paperboy.paper.Paper.UNKNOWN_CATEGORY;

  static final int BATCH_SIZE = 500;

  private final Jdbi jdbi;
  private final PaperStore papers;
  private final DailyFeedReader reader = new DailyFeedReader();

  private final RowListener alsoInTransaction;

  /** Told about every row written, inside the transaction that wrote it (its paper exists by then). */
  @FunctionalInterface
  public interface RowListener {
    void written(Handle handle, DailyFeedRow row);
  }

  public DailyFeedImporter(Database database, PaperStore papers) {
    this(database, papers, (h, row) -> {});
  }

  /** @param alsoInTransaction keeps what else a row says (its code links, say) with the row */
  public DailyFeedImporter(Database database, PaperStore papers, RowListener alsoInTransaction) {
    this.jdbi = database.jdbi();
    this.papers = papers;
    this.alsoInTransaction = alsoInTransaction;
  }

  /** What an import did: entries by outcome, papers created, rows rejected. */
  public record Summary(long read, long inserted, long updated, long unchanged, long papersCreated, long rejected) {
    Summary plus(Summary o) {
      return new Summary(read + o.read, inserted + o.inserted, updated + o.updated, unchanged + o.unchanged,
          papersCreated + o.papersCreated, rejected + o.rejected);
    }

    @Override
    public String toString() {
      return String.format("read %,d, listings inserted %,d, updated %,d, unchanged %,d, papers created %,d, rejected %,d",
          read, inserted, updated, unchanged, papersCreated, rejected);
    }
  }

  public boolean isDailyFeed(Path file) {
    return reader.detect(file).isPresent();
  }

  public Summary importFile(Path file, Consumer<DailyFeedReader.Rejection> onRejected) {
    List<DailyFeedRow> batch = new ArrayList<>(BATCH_SIZE);
    Summary[] total = {new Summary(0, 0, 0, 0, 0, 0)};
    reader.read(file, row -> {
      batch.add(row);
      if (batch.size() == BATCH_SIZE) {
        total[0] = total[0].plus(write(batch));
        batch.clear();
      }
    }, rejection -> {
      total[0] = total[0].plus(new Summary(1, 0, 0, 0, 0, 1));
      onRejected.accept(rejection);
    });
    return total[0].plus(write(batch));
  }

  /** One transaction per batch: a crash leaves whole batches, and re-running finishes the rest. */
  private Summary write(List<DailyFeedRow> rows) {
    if (rows.isEmpty()) return new Summary(0, 0, 0, 0, 0, 0);
    return jdbi.inTransaction(handle -> {
      Map<String, Paper> missing = new LinkedHashMap<>();
      Set<String> present = existingPapers(handle, rows);
      for (DailyFeedRow r : rows) {
        if (!present.contains(r.arxivId().value())) missing.putIfAbsent(r.arxivId().value(), paperFrom(r));
      }
      int created = papers.upsert(handle, List.copyOf(missing.values())).inserted();
      int[] outcome = upsertEntries(handle, rows);
      rows.forEach(r -> alsoInTransaction.written(handle, r));
      return new Summary(rows.size(), outcome[0], outcome[1], outcome[2], created, 0);
    });
  }

  private static Set<String> existingPapers(Handle handle, List<DailyFeedRow> rows) {
    return Set.copyOf(handle.createQuery("SELECT id FROM papers WHERE id IN (<ids>)")
        .bindList("ids", rows.stream().map(r -> r.arxivId().value()).distinct().toList())
        .mapTo(String.class).list());
  }

  private record Stored(int upvotes, int comments, String submittedBy, String listedAt) {}

  /** Returns {inserted, updated, unchanged}. */
  private static int[] upsertEntries(Handle handle, List<DailyFeedRow> rows) {
    Map<String, Stored> stored = new HashMap<>();
    handle.createQuery("SELECT listing_date, paper_id, baseline_upvotes, baseline_comments, submitted_by, listed_at"
            + " FROM daily_entries WHERE paper_id IN (<ids>)")
        .bindList("ids", rows.stream().map(r -> r.arxivId().value()).distinct().toList())
        .map((rs, ctx) -> stored.put(rs.getString(1) + " " + rs.getString(2),
            new Stored(rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6))))
        .list();
    int inserted = 0, updated = 0, unchanged = 0;
    var insert = handle.prepareBatch("INSERT INTO daily_entries (listing_date, paper_id, baseline_upvotes,"
        + " baseline_comments, submitted_by, listed_at) VALUES (:day, :id, :up, :com, :by, :at)");
    var update = handle.prepareBatch("UPDATE daily_entries SET baseline_upvotes = :up, baseline_comments = :com,"
        + " submitted_by = :by, listed_at = :at WHERE listing_date = :day AND paper_id = :id");
    for (DailyFeedRow r : rows) {
      String key = r.listingDate() + " " + r.arxivId().value();
      Stored before = stored.get(key);
      Stored after = merged(before, r);
      if (after.equals(before)) {
        unchanged++;
        continue;
      }
      var batch = before == null ? insert : update;
      batch.bind("day", r.listingDate().toString()).bind("id", r.arxivId().value()).bind("up", after.upvotes)
          .bind("com", after.comments).bind("by", after.submittedBy).bind("at", after.listedAt).add();
      if (before == null) inserted++;
      else updated++;
      stored.put(key, after);
    }
    if (inserted > 0) insert.execute();
    if (updated > 0) update.execute();
    return new int[] {inserted, updated, unchanged};
  }

  /** Counts only grow, a known submitter is kept, and an entry keeps the earliest time it was listed. */
  private static Stored merged(Stored before, DailyFeedRow r) {
    String at = r.listedAt().toString();
    if (before == null) return new Stored(r.upvotes(), r.numComments(), r.submittedBy(), at);
    return new Stored(Math.max(before.upvotes, r.upvotes()), Math.max(before.comments, r.numComments()),
        before.submittedBy != null ? before.submittedBy : r.submittedBy(),
        Instant.parse(before.listedAt).isAfter(r.listedAt()) ? at : before.listedAt);
  }

  static Paper paperFrom(DailyFeedRow r) {
    List<Author> authors = r.authors().stream()
        .map(name -> {
          List<Author> parsed = AuthorNames.parse(name);
          return parsed.size() == 1 ? parsed.getFirst() : new Author(PaperText.line(name), "", "");
        })
        .toList();
    String abstractText = PaperText.paragraphs(r.abstractText());
    return new Paper(r.arxivId(), 0, PaperText.line(r.title()), abstractText == null ? "" : abstractText,
        r.authors().stream().map(PaperText::line).collect(Collectors.joining(", ")), authors,
        List.of(UNKNOWN_CATEGORY), null, null, null, null, null, null, List.of(), r.arxivPublishedAt(), null, null);
  }
}
