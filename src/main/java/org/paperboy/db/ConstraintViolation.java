package org.paperboy.db;

import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * Whether a failed statement broke one of the schema's constraints (a unique name, a foreign key), which
 * a feature may answer as "already there" or "not there", rather than failing for another reason (a full
 * disk, a lost connection) that it must not answer that way.
 */
public final class ConstraintViolation {
  private ConstraintViolation() {}

  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException s) return s.getResultCode().name().startsWith("SQLITE_CONSTRAINT");
      if (t instanceof SQLException s) return s.getSQLState() != null && s.getSQLState().startsWith("23"); // integrity constraint violation
    }
    return false;
  }
}
