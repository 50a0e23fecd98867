package org.paperboy.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.paper.Version;

/**
 * What a search result shows of a paper, kept in its index document beside the stored title and
 * abstract, so a page of results is read from the index it was found in instead of from the store:
 * two queries through the store and parsing every paper's authors were a sixth of a keyword search.
 * The index follows the store (within a second, at once on every node when a write is heard), so a
 * result is at most that far behind the paper page. Binary, in Lucene's own variable-length encoding.
 */
final class IndexedPaper {
  private IndexedPaper() {}

  /** Everything of the paper but its id, title and abstract, which the document holds as fields of their own. */
  static BytesRef encode(Paper p) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeVInt(p.latestVersion());
      out.writeString(p.authorsLine());
      out.writeVInt(p.authors().size());
      for (Author a : p.authors()) {
        optional(out, a.lastName());
        optional(out, a.firstNames());
        optional(out, a.suffix());
      }
      out.writeVInt(p.categories().size());
      for (String c : p.categories()) out.writeString(c);
      for (String s : new String[] {p.comments(), p.journalRef(), p.doi(), p.reportNo(), p.license(), p.submitter()}) optional(out, s);
      out.writeVInt(p.versions().size());
      for (Version v : p.versions()) {
        out.writeVInt(v.number());
        instant(out, v.submittedAt());
        optional(out, v.size());
      }
      instant(out, p.firstSubmitted());
      day(out, p.lastUpdated());
      day(out, p.announcedOn());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: the output is in memory
    }
    return new BytesRef(out.toArrayCopy());
  }

  static Paper decode(String id, String title, String abstractText, BytesRef bytes) {
    DataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    try {
      int latestVersion = in.readVInt();
      String authorsLine = in.readString();
      int authorCount = in.readVInt();
      List<Author> authors = new ArrayList<>(authorCount);
      for (int i = 0; i < authorCount; i++) authors.add(new Author(optional(in), optional(in), optional(in)));
      int categoryCount = in.readVInt();
      List<String> categories = new ArrayList<>(categoryCount);
      for (int i = 0; i < categoryCount; i++) categories.add(in.readString());
      String comments = optional(in), journalRef = optional(in), doi = optional(in), reportNo = optional(in),
          license = optional(in), submitter = optional(in);
      int versionCount = in.readVInt();
      List<Version> versions = new ArrayList<>(versionCount);
      for (int i = 0; i < versionCount; i++) versions.add(new Version(in.readVInt(), instant(in), optional(in)));
      return new Paper(new ArxivId(id), latestVersion, title, abstractText, authorsLine, authors, categories, comments,
          journalRef, doi, reportNo, license, submitter, versions, instant(in), day(in), day(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void optional(DataOutput out, String s) throws IOException {
    out.writeByte((byte) (s == null ? 0 : 1));
    if (s != null) out.writeString(s);
  }

  private static String optional(DataInput in) throws IOException {
    return in.readByte() == 0 ? null : in.readString();
  }

  private static void instant(DataOutput out, Instant t) throws IOException {
    out.writeByte((byte) (t == null ? 0 : 1));
    if (t != null) {
      out.writeZLong(t.getEpochSecond());
      out.writeVInt(t.getNano());
    }
  }

  private static Instant instant(DataInput in) throws IOException {
    return in.readByte() == 0 ? null : Instant.ofEpochSecond(in.readZLong(), in.readVInt());
  }

  private static void day(DataOutput out, LocalDate d) throws IOException {
    out.writeByte((byte) (d == null ? 0 : 1));
    if (d != null) out.writeZLong(d.toEpochDay());
  }

  private static LocalDate day(DataInput in) throws IOException {
    return in.readByte() == 0 ? null : LocalDate.ofEpochDay(in.readZLong());
  }
}
