package org.paperboy.ingest;

/** An expected ingestion failure (bad input, an unreachable or misbehaving endpoint), worded for the user. */
public class IngestException extends RuntimeException {
  public IngestException(String message) {
    super(message);
  }

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
