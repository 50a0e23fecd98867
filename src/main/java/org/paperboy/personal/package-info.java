/**
 * Personal: what a member keeps, follows and dismisses, and the For you feed ranked from it.
 *
 * <p>Owns the {@code collections}, {@code collection_papers}, {@code follows}, {@code dismissals} and
 * {@code personal_versions} tables (V20__personal.sql). Everything belongs to one account and is seen
 * by its owner only: the facades take the asking member's id and refuse with
 * {@link org.paperboy.support.Refusal} NOT_FOUND (never FORBIDDEN) for anyone else's collection or
 * follow, so nothing leaks whether it exists. A public collection is the one exception its owner
 * chooses. {@link org.paperboy.personal.ForYouRanking} is the documented ranking (README, "For you");
 * {@link org.paperboy.personal.ForYou} serves it per member, updated on the next page after any save,
 * follow or dismissal.
 */
package org.paperboy.personal;
