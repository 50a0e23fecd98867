/**
 * The daily lists and the trending ranking. {@link org.paperboy.trending.DailyList} owns the
 * {@code daily_entries} table (migrations {@code V4__trending.sql}, {@code V8__daily_pins.sql}), adds
 * the community's counts ({@link org.paperboy.trending.ActivityCounts}) to the imported baselines and
 * is the one rule for the counts shown anywhere ({@link org.paperboy.trending.DailyList#activityOf});
 * {@link org.paperboy.trending.DailyFeedImporter} fills it from a daily-papers feed without ever
 * overwriting arXiv's metadata; {@link org.paperboy.trending.TrendingRanking} is the documented
 * momentum formula, for the trending window and for a listing sorted by trend alike;
 * {@link org.paperboy.trending.Listing} says which days a request for a day, an ISO week or a month
 * means. Promise: importing a feed again changes nothing, and "now" comes from an injected clock.
 */
package org.paperboy.trending;
