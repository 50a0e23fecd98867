package org.paperboy.paper;

import java.time.Instant;

/** One version of a paper: its number (1 for v1), when it was submitted, and its size when known. */
public record Version(int number, Instant submittedAt, String size) implements Comparable<Version> {
  @Override
  public int compareTo(Version other) {
    return Integer.compare(number, other.number);
  }
}
