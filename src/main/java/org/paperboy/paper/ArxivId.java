package org.paperboy.paper;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.support.Refusal;

/**
 * An arXiv identifier without its version, in canonical form: new style {@code 2401.01234} (or the
 * four-digit {@code 0704.0001} of 2007–2014), old style {@code hep-th/9901001}. The one parser of ids
 * for every way they arrive (files, feeds, forms, URLs, the command line); text that is not an id is
 * refused as {@link Refusal.Kind#BAD_INPUT}, quoting it.
 */
public record ArxivId(String value) implements Comparable<ArxivId> {
  // Old style: archive (with an optional subject class that is not part of the id), then YYMMNNN.
  private static final Pattern OLD = Pattern.compile("([a-z]+(?:-[a-z]+)?)(?:\\.[a-z]{2})?/(\\d{2})(\\d{2})(\\d{3})");
  private static final Pattern NEW = Pattern.compile("(\\d{2})(\\d{2})\\.(\\d{4,5})");
  private static final Pattern VERSION = Pattern.compile("v(\\d{1,4})$");
  private static final Pattern URL_PREFIX =
      Pattern.compile("(?i)^(https?://)?(www\\.|export\\.)?arxiv\\.org/(abs|pdf|html)/|^(?i)arxiv:");
  private static final Pattern PDF_SUFFIX = Pattern.compile("(?i)\\.pdf$|/$");

  public ArxivId {
    if (value == null || !(NEW.matcher(value).matches() || OLD.matcher(value).matches())) {
      throw notAnId(String.valueOf(value));
    }
  }

  /** An id as people write it, with the version they named (0 when they named none). */
  public record Versioned(ArxivId id, int version) {
    @Override
    public String toString() {
      return version == 0 ? id.value() : id.value() + "v" + version;
    }
  }

  /** Parses an id, dropping any version: see {@link #parseVersioned}. */
  public static ArxivId parse(String text) {
    return parseVersioned(text).id();
  }

  /**
   * Accepts what people paste: {@code arXiv:2401.01234v2}, {@code https://arxiv.org/abs/hep-th/9901001},
   * {@code arxiv.org/pdf/2401.01234v1.pdf}, {@code math.GT/0309136}.
   */
  public static Versioned parseVersioned(String text) {
    if (text == null) throw notAnId("");
    String s = text.strip();
    if (NEW.matcher(s).matches()) return parseNew(s, 0, text); // the common case, kept cheap for bulk imports
    s = URL_PREFIX.matcher(s).replaceFirst("");
    s = PDF_SUFFIX.matcher(s).replaceFirst("");
    int version = 0;
    Matcher v = VERSION.matcher(s);
    if (v.find()) {
      version = Integer.parseInt(v.group(1));
      s = s.substring(0, v.start());
      if (version == 0) throw notAnId(text);
    }
    if (NEW.matcher(s).matches()) return parseNew(s, version, text);
    Matcher m = OLD.matcher(s.toLowerCase(java.util.Locale.ROOT));
    if (m.matches()) {
      checkMonth(m.group(3), text);
      return new Versioned(new ArxivId(m.group(1) + "/" + m.group(2) + m.group(3) + m.group(4)), version);
    }
    throw notAnId(text);
  }

  private static Versioned parseNew(String s, int version, String text) {
    Matcher m = NEW.matcher(s);
    m.matches();
    checkMonth(m.group(2), text);
    // Five-digit sequence numbers start in January 2015 (1501); four before.
    boolean fiveDigits = Integer.parseInt(m.group(1)) >= 15;
    if (m.group(3).length() != (fiveDigits ? 5 : 4)) throw notAnId(text);
    return new Versioned(new ArxivId(s), version);
  }

  private static void checkMonth(String month, String text) {
    int mm = Integer.parseInt(month);
    if (mm < 1 || mm > 12) throw notAnId(text);
  }

  private static Refusal notAnId(String text) {
    String quoted = text.length() > 100 ? text.substring(0, 100) + "…" : text;
    return Refusal.badInput("'" + quoted + "' is not an arXiv id or URL (expected e.g. 2401.01234, 2401.01234v2,"
        + " hep-th/9901001 or https://arxiv.org/abs/2401.01234)");
  }

  public boolean isOldStyle() {
    return value.indexOf('/') >= 0;
  }

  public String absUrl() {
    return "https://arxiv.org/abs/" + value;
  }

  public String pdfUrl() {
    return "https://arxiv.org/pdf/" + value;
  }

  @Override
  public int compareTo(ArxivId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
