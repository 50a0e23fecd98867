/**
 * The web face: Javalin routes (all registered in {@link org.paperboy.web.WebServer}), small handlers,
 * the records the jte templates of {@code src/main/jte} render, Atom feeds and the JSON API. Thin: a
 * handler parses the request, calls one feature and renders the answer; it holds no SQL, no ranking
 * and no counting (the counts shown come from {@code DailyList.activityOf}, every ranking and its
 * formula text from {@code TrendingRanking}, periods from {@code trending.Listing}). It owns no tables.
 * Sessions ({@link org.paperboy.web.Sessions}) and CSRF tokens ({@link org.paperboy.web.Csrf}) live here
 * because they are about HTTP. A feature's {@code Refusal} becomes a status in one place,
 * {@link org.paperboy.web.Refusals}. Promise: everything shown is escaped, every POST carries a valid
 * CSRF token or is refused (403), anonymous pages hold nothing personal, client mistakes answer 4xx
 * (JSON under {@code /api}, 429 with Retry-After when rate limited), never 500.
 */
package org.paperboy.web;
