package org.paperboy.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;
import org.paperboy.support.Refusal;

/**
 * The store cannot be reached right now (a PostgreSQL server stopped, restarting or cut off): a bad day
 * that passes, not a bug. The web answers 503 with Retry-After instead of a 500 and a trace per request.
 */
public final class StoreAway {
  private StoreAway() {}

  /** A refusal saying the store is away, when that is what {@code failure} (or anything under it) was. */
  public static Optional<Refusal> refusalFor(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (away(t)) return Optional.of(Refusal.unavailable("the store is not reachable right now ("
          + Database.reasonOf(t) + "); try again in a moment", failure));
    }
    return Optional.empty();
  }

  private static boolean away(Throwable t) {
    if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) return true;
    if (!(t instanceof SQLException s) || s.getSQLState() == null) return false;
    String state = s.getSQLState();
    // 08: connection exceptions; 57P01–57P03: the server shutting down, crashed, or not yet accepting
    return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
  }
}
