/**
 * The people: accounts and roles ({@link org.paperboy.community.Accounts}), passwordless sign-in and
 * sessions ({@link org.paperboy.community.SignIn}), upvotes ({@link org.paperboy.community.Votes}),
 * comments ({@link org.paperboy.community.Comments}), submissions to today's list ({@link
 * org.paperboy.community.Submissions}, through the trending package's {@code DailyList}) and the audit
 * log of curator and admin actions.
 * Owns the accounts (with their profile version), signin_tokens, sessions, votes, comments and audit_log tables
 * ({@code V6__community.sql}, {@code V31__sessions.sql}, {@code V32__account_profile_version.sql}). It says no with
 * {@code support.Refusal} (forbidden for a member acting above their role, too many, with when to try
 * again, from the rate limits, conflict for a paper already listed). Promises: one vote per
 * member per paper under any concurrency; sign-in links single-use, expiring, stored only as hashes;
 * user text never reaches a page unescaped.
 */
package org.paperboy.community;
