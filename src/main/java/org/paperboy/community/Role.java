package org.paperboy.community;

import java.util.Locale;
import org.paperboy.support.Refusal;

/** What a member may do: members pick, vote and discuss; curators also moderate; admins also manage roles. */
public enum Role {
  MEMBER,
  CURATOR,
  ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badInput("unknown role '" + text + "' (member, curator or admin)");
    }
  }
}
