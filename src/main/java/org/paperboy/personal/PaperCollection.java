package org.paperboy.personal;

/** A member's named list of papers; {@code isDefault} marks the "Reading list" every member has. */
public record PaperCollection(long id, long ownerId, String name, boolean isDefault, boolean isPublic, int papers) {
  public static final String DEFAULT_NAME = "Reading list";
}
