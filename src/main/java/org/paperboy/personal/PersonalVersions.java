package org.paperboy.personal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * A number per member that every save, follow and dismissal raises, in the same transaction: the
 * For you ranking is cached under it, so a change shows on the next page, in this process or any
 * other serving the same store.
 */
public final class PersonalVersions {
  private final Jdbi jdbi;

  public PersonalVersions(Database database) {
    this.jdbi = database.jdbi();
  }

  void bump(Handle h, long accountId) {
    int n = h.createUpdate("UPDATE personal_versions SET version = version + 1 WHERE account_id = :a")
        .bind("a", accountId).execute();
    if (n == 0) {
      h.createUpdate("INSERT INTO personal_versions (account_id, version) VALUES (:a, 1)"
          + " ON CONFLICT (account_id) DO UPDATE SET version = personal_versions.version + 1").bind("a", accountId).execute();
    }
  }

  public long of(long accountId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT version FROM personal_versions WHERE account_id = :a")
        .bind("a", accountId).mapTo(Long.class).findOne().orElse(0L));
  }
}
