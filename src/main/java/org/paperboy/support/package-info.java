/**
 * What several features share and none of them owns: {@link org.paperboy.support.Refusal}, the one
 * way a feature says no (mapped to an HTTP status once in the web and to an exit code once in the CLI);
 * {@link org.paperboy.support.RateLimiter}, which refuses by itself; {@link
 * org.paperboy.support.EmailAddress}, the one address check; signing, escaping and progress display.
 * The rate limiter keeps its buckets in the store when several processes share one
 * ({@code rate_buckets}, {@code V40__rate_limits.sql}), so it depends on {@code db} and on nothing else.
 */
package org.paperboy.support;
