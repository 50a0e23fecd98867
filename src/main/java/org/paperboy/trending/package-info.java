/**
 * The daily lists and the trending ranking. {@link org.paperboy.trending.DailyList} owns the
 * {@code daily_entries} table (migrations {@code V4__trending.sql}, {@code V8__daily_pins.sql}) and adds
 * the community's counts ({@link org.paperboy.trending.ActivityCounts}) to the imported baselines; {@link
 * org.paperboy.trending.DailyFeedImporter} fills it from a daily-papers feed without ever overwriting
 * arXiv's metadata; {@link org.paperboy.trending.TrendingRanking} is the documented momentum formula.
 * Promise: importing a feed again changes nothing, and "now" comes from an injected clock.
 */
package org.paperboy.trending;
