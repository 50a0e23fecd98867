package org.paperboy.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.UpsertCounts;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;

/**
 * Imports the arXiv metadata snapshot (JSON lines, plain or gzip) in constant memory: lines are
 * parsed one at a time and written in batched transactions. Each batch commits whole or not at all
 * and upserts are idempotent, so re-running an interrupted import leaves the store exactly as one
 * clean run would.
 */
public final class SnapshotImporter {
  static final int BATCH_SIZE = 2_000;
  /** A file whose lines fail this many times in a row is something else (a jar, another corpus), not a snapshot. */
  static final int REJECTIONS_IN_A_ROW_TO_GIVE_UP = 100;

  private final PaperStore store;
  private final ObjectMapper json = new ObjectMapper();

  public SnapshotImporter(PaperStore store) {
    this.store = store;
  }

  /** What an import did. {@code read} counts non-blank lines. */
  public record Summary(long read, long inserted, long updated, long unchanged, long rejected) {
    Summary plus(UpsertCounts c) {
      return new Summary(read, inserted + c.inserted(), updated + c.updated(), unchanged + c.unchanged(), rejected);
    }

    @Override
    public String toString() {
      return String.format("read %,d, inserted %,d, updated %,d, unchanged %,d, rejected %,d",
          read, inserted, updated, unchanged, rejected);
    }
  }

  /** A rejected line: where it is and why. */
  public record Rejection(Path file, long line, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + reason;
    }
  }

  /**
   * @param strict stop at the first malformed line (nothing of its batch is written)
   * @param onRejected told about each malformed line that was skipped
   */
  public Summary importFile(Path file, boolean strict, boolean showProgress, Consumer<Rejection> onRejected) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw Refusal.badInput("cannot read " + file + ": " + e.getMessage(), e);
    }
    // Two stages on two cores: a parser thread reads, gunzips and parses batches while this thread
    // writes the previous batch. The queue is small, so memory stays constant whatever the file size.
    BlockingQueue<ParsedBatch> queue = new ArrayBlockingQueue<>(4);
    try (CountingStream raw = new CountingStream(Files.newInputStream(file));
        Progress progress = new Progress("import " + file.getFileName(), size, raw::count, showProgress)) {
      Thread parser = Thread.ofPlatform().name("snapshot-parser").daemon().start(() -> parseInto(queue, raw, file, strict));
      try {
        Summary summary = new Summary(0, 0, 0, 0, 0);
        while (true) {
          ParsedBatch batch = queue.take();
          if (batch.failure != null) throw batch.failure;
          batch.rejections.forEach(onRejected);
          UpsertCounts counts = store.upsertPrepared(batch.papers);
          summary = new Summary(summary.read + batch.read, summary.inserted + counts.inserted(),
              summary.updated + counts.updated(), summary.unchanged + counts.unchanged(),
              summary.rejected + batch.rejections.size());
          progress.advance(batch.read);
          if (batch.last) return summary;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Refusal.unavailable("import of " + file + " interrupted", e);
      } finally {
        parser.interrupt();
      }
    } catch (IOException e) {
      throw Refusal.badInput("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** What the parser hands the writer: papers to write, lines rejected, and whether the file ended. */
  private record ParsedBatch(List<PaperStore.Prepared> papers, List<Rejection> rejections, long read, boolean last,
      RuntimeException failure) {
    static ParsedBatch failed(RuntimeException failure) {
      return new ParsedBatch(List.of(), List.of(), 0, true, failure);
    }
  }

  private void parseInto(BlockingQueue<ParsedBatch> queue, InputStream raw, Path file, boolean strict) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(decompressed(raw), StandardCharsets.UTF_8), 1 << 16)) {
      List<PaperStore.Prepared> papers = new ArrayList<>(BATCH_SIZE);
      List<Rejection> rejections = new ArrayList<>();
      long read = 0, lineNumber = 0;
      int rejectedInARow = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) continue;
        read++;
        try {
          papers.add(PaperStore.prepare(parse(line)));
          rejectedInARow = 0;
        } catch (SnapshotRecord.Rejected e) {
          Rejection rejection = new Rejection(file, lineNumber, e.getMessage());
          if (strict) {
            queue.put(ParsedBatch.failed(Refusal.badInput("stopped at the first malformed line (--strict): " + rejection)));
            return;
          }
          if (++rejectedInARow == REJECTIONS_IN_A_ROW_TO_GIVE_UP) {
            queue.put(ParsedBatch.failed(Refusal.badInput(file + " does not look like an arXiv snapshot or a daily-papers feed: "
                + REJECTIONS_IN_A_ROW_TO_GIVE_UP + " lines in a row were rejected, the last at line " + lineNumber + " ("
                + e.getMessage() + ")")));
            return;
          }
          rejections.add(rejection);
        }
        if (papers.size() == BATCH_SIZE) {
          queue.put(new ParsedBatch(papers, rejections, read, false, null));
          papers = new ArrayList<>(BATCH_SIZE);
          rejections = new ArrayList<>();
          read = 0;
        }
      }
      queue.put(new ParsedBatch(papers, rejections, read, true, null));
    } catch (IOException e) {
      putQuietly(queue, ParsedBatch.failed(Refusal.badInput("reading " + file + " failed: " + e.getMessage(), e)));
    } catch (RuntimeException e) {
      putQuietly(queue, ParsedBatch.failed(e));
    } catch (InterruptedException e) {
      // the writer gave up; nothing more to hand over
    }
  }

  private static void putQuietly(BlockingQueue<ParsedBatch> queue, ParsedBatch batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads, parses and prepares without writing: the floor an import's speed is measured against. */
  public long parseOnly(Path file) {
    try (InputStream in = decompressed(new BufferedInputStream(Files.newInputStream(file)));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      long parsed = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) continue;
        try {
          PaperStore.prepare(parse(line));
          parsed++;
        } catch (SnapshotRecord.Rejected ignored) {
          // the floor counts only work an import would also do
        }
      }
      return parsed;
    } catch (IOException e) {
      throw Refusal.badInput("reading " + file + " failed: " + e.getMessage(), e);
    }
  }

  private Paper parse(String line) throws SnapshotRecord.Rejected {
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new SnapshotRecord.Rejected("not valid JSON: " + e.getOriginalMessage());
    }
    return SnapshotRecord.toPaper(node);
  }

  /** Gzip is recognised by its magic bytes, not the file name. */
  static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read(), b2 = in.read();
    in.reset();
    return (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }
  }
}
