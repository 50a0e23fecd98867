package org.paperboy.paper;

import java.util.stream.Collectors;

/** A BibTeX entry for a paper, in the form arXiv's own "Export citation" gives. */
public final class BibTex {
  private BibTex() {}

  public static String of(Paper p) {
    String firstAuthor = p.authors().isEmpty() ? "anon" : p.authors().getFirst().lastName();
    int year = p.publishedOn() == null ? 0 : p.publishedOn().getYear();
    String key = (firstAuthor.replaceAll("[^A-Za-z]", "") + year + firstWord(p.title())).toLowerCase(java.util.Locale.ROOT);
    String authors = p.authors().stream().map(BibTex::name).collect(Collectors.joining(" and "));
    StringBuilder b = new StringBuilder();
    b.append("@misc{").append(key).append(",\n");
    field(b, "title", "{" + p.title() + "}");
    field(b, "author", authors);
    if (year > 0) field(b, "year", Integer.toString(year));
    field(b, "eprint", p.id().value());
    field(b, "archivePrefix", "arXiv");
    if (!p.primaryCategory().equals(Paper.UNKNOWN_CATEGORY)) {
      field(b, "primaryClass", p.primaryCategory());
    }
    if (p.doi() != null) field(b, "doi", p.doi());
    field(b, "url", p.id().absUrl());
    b.setLength(b.length() - 2);
    return b.append("\n}").toString();
  }

  private static String name(Author a) {
    String n = a.firstNames().isEmpty() ? a.lastName() : a.lastName() + ", " + a.firstNames();
    return a.suffix().isEmpty() ? n : n + ", " + a.suffix();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("  ").append(name).append(" = {").append(value).append("},\n");
  }

  private static String firstWord(String title) {
    for (String w : title.split("[^A-Za-z]+")) if (w.length() > 3) return w;
    return "";
  }
}
