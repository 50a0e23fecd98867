package org.paperboy.web;

import java.util.Set;
import org.paperboy.community.Account;
import org.paperboy.community.Role;

/**
 * A signed-in member as a page sees them: who they are, the CSRF token every form of theirs carries,
 * and which of the papers on the page they have upvoted and saved. Anonymous visitors have none (null), so
 * their pages hold nothing personal and stay cacheable.
 */
public record Visitor(Account account, String csrf, Set<String> voted, Set<String> saved) {
  public Visitor(Account account, String csrf, Set<String> voted) {
    this(account, csrf, voted, Set.of());
  }

  public String name() {
    return account.displayName();
  }

  public boolean curator() {
    return account.role().atLeast(Role.CURATOR);
  }

  public boolean admin() {
    return account.role() == Role.ADMIN;
  }

  public boolean voted(String paperId) {
    return voted.contains(paperId);
  }

  /** Whether the paper is in any of the member's collections. */
  public boolean saved(String paperId) {
    return saved.contains(paperId);
  }
}
