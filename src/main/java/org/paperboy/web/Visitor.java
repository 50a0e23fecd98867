package org.paperboy.web;

import java.util.Set;
import org.paperboy.community.Account;
import org.paperboy.community.Role;

/**
 * A signed-in member as a page sees them: who they are, the CSRF token every form of theirs carries,
 * and which of the papers on the page they have upvoted. Anonymous visitors have none (null), so
 * their pages hold nothing personal and stay cacheable.
 */
public record Visitor(Account account, String csrf, Set<String> voted) {
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
}
