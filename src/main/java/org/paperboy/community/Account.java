package org.paperboy.community;

/** A member. {@code links} holds one URL per line; optional fields are null when unset. */
public record Account(long id, String email, String displayName, Role role, String affiliation, String links,
    long sessionsValidAfter) {}
