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

  /** The one check of who may do what: refuses (forbidden) "only curators {@code what}" below this role. */
  public void require(Account who, String what) {
    if (!who.role().atLeast(this)) throw Refusal.forbidden("only " + dbValue() + "s " + what);
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
