/**
 * The people: accounts and roles ({@link org.paperboy.community.Accounts}), passwordless sign-in and
 * sessions ({@link org.paperboy.community.SignIn}), upvotes ({@link org.paperboy.community.Votes}),
 * comments ({@link org.paperboy.community.Comments}), submissions to today's list ({@link
 * org.paperboy.community.Submissions}, through the trending package's {@code DailyList}) and the audit
 * log of curator and admin actions.
 * Owns the accounts, signin_tokens, votes, comments and audit_log tables. Promises: one vote per
 * member per paper under any concurrency; sign-in links single-use, expiring, stored only as hashes;
 * user text never reaches a page unescaped.
 */
package org.paperboy.community;
