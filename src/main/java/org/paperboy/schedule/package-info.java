/**
 * Work that runs by itself while {@code serve} runs: one persistent schedule (db-scheduler, in the
 * store) for every job of every feature, so each due run happens on exactly one process of a
 * cluster, a run missed while everything was down happens at the next start, and a failed run is
 * retried with backoff. Owns {@code schedule_runs}, the log of runs that {@code /admin} and
 * {@code /health} show; db-scheduler's {@code scheduled_tasks} holds what is due next.
 */
package org.paperboy.schedule;
