package org.paperboy.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where one harvest (an endpoint, a metadata format, a set) stands. While a run is in progress
 * {@code resumptionToken} names its next page; once it finished, the token is null and
 * {@code nextFrom} is where the next, incremental run starts.
 *
 * @param set the OAI set, {@code ""} for the whole repository
 * @param runFrom the {@code from} day the current or last run asked for; null means from the start
 * @param runResponseDate the {@code responseDate} of the run's first response
 * @param nextFrom the {@code from} day of the next run: the day the last finished run started
 * @param pages pages committed by the current or last run
 * @param records records on those pages
 */
public record HarvestCheckpoint(String endpoint, String format, String set, LocalDate runFrom, String resumptionToken,
    Instant runResponseDate, LocalDate nextFrom, long pages, long records, Instant updatedAt) {

  public boolean inProgress() {
    return resumptionToken != null;
  }
}
