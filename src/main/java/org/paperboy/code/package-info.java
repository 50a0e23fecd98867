/**
 * Linked code: the repositories and project pages a paper points to. Owns {@code code_links}
 * (extracted from abstracts and comments by following the store's change numbers, plus what a
 * daily-papers feed says) and the GitHub star history ({@code github_repos}, {@code github_stars}).
 * Promises: a paper's links in the order its text gives them, the field names the public
 * daily-papers API uses ({@code githubRepo}, {@code projectPage}, {@code githubStars}), and star
 * growth over a window as one documented number.
 */
package org.paperboy.code;
