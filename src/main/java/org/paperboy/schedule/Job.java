package org.paperboy.schedule;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Work a feature wants done on a schedule.
 *
 * @param name unique and stable: it is the key of the job's row in the store
 * @param cadence when it is due
 * @param work does the work and returns a one-line summary of what it did; throws when it failed
 */
public record Job(String name, Cadence cadence, Callable<String> work) {
  public Job {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cadence, "cadence");
    Objects.requireNonNull(work, "work");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("job name '" + name + "': use a-z, 0-9 and -");
  }
}
