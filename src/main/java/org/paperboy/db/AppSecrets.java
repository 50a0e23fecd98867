package org.paperboy.db;

import java.security.SecureRandom;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/** Random keys generated on first use and kept in the store, so restarts and cluster peers agree on them. */
public final class AppSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Jdbi jdbi;

  public AppSecrets(Database database) {
    this.jdbi = database.jdbi();
  }

  /** The 256-bit key called {@code name}; the first caller anywhere creates it, every caller gets the same. */
  public byte[] key(String name) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    return jdbi.inTransaction(h -> {
      h.createUpdate("INSERT INTO app_secrets (name, value) VALUES (:n, :v) ON CONFLICT (name) DO NOTHING")
          .bind("n", name).bind("v", Base64.getEncoder().encodeToString(fresh)).execute();
      String stored = h.createQuery("SELECT value FROM app_secrets WHERE name = :n").bind("n", name).mapTo(String.class).one();
      return Base64.getDecoder().decode(stored);
    });
  }
}
