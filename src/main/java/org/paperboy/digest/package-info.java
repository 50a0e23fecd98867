/**
 * Email digests: {@link org.paperboy.digest.Subscriptions} (double opt-in, signed confirm, manage and
 * unsubscribe links; the {@code subscriptions}, {@code digest_runs} and {@code digest_sent_papers}
 * tables of {@code V7__digest.sql} and {@code V21__digest_for_you.sql}, and db-scheduler's
 * {@code scheduled_tasks}),
 * {@link org.paperboy.digest.DigestComposer} over the trending ranking and a subscriber's topics,
 * {@link org.paperboy.digest.DigestRunner}, which writes each period's digests into the outbox exactly
 * once, and {@link org.paperboy.digest.DigestSchedule}, which runs it as digests come due in each
 * subscriber's time zone (a schedule kept in the store, so several processes never run it twice).
 * Expected failures are {@code support.Refusal}s (bad input for a form field, not found for a stale
 * link, too many for repeated requests). Promise: a subscriber never gets the same paper twice nor a
 * period's digest twice, and RFC 8058 one-click unsubscribe works from every mail.
 */
package org.paperboy.digest;
