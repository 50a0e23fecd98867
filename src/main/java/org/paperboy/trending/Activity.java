package org.paperboy.trending;

/**
 * The counts shown for a paper anywhere (its page, the API, the vote button's answer): the highest
 * imported baseline of its listings plus the community's own upvotes and comments; a paper never
 * listed has the community's counts alone.
 */
public record Activity(int upvotes, int comments) {}
