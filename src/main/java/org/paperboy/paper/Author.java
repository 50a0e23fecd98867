package org.paperboy.paper;

/** One author as arXiv lists them; {@code firstNames} and {@code suffix} may be empty, never null. */
public record Author(String lastName, String firstNames, String suffix) {
  public Author {
    lastName = lastName == null ? "" : lastName.strip();
    firstNames = firstNames == null ? "" : firstNames.strip();
    suffix = suffix == null ? "" : suffix.strip();
  }

  /** "First Last Jr", the way a page shows a name. */
  public String displayName() {
    StringBuilder b = new StringBuilder();
    if (!firstNames.isEmpty()) b.append(firstNames).append(' ');
    b.append(lastName);
    if (!suffix.isEmpty()) b.append(' ').append(suffix);
    return b.toString();
  }
}
