package org.paperboy.community;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.paperboy.db.Database;
import org.paperboy.support.EmailAddress;
import org.paperboy.support.UserText;
import org.paperboy.support.Refusal;

/** The accounts table: members, their profiles and roles. */
public final class Accounts {
  public static final int MAX_NAME = 60;
  public static final int MAX_AFFILIATION = 120;
  public static final int MAX_LINKS = 5;

  private static final RowMapper<Account> MAPPER = (rs, ctx) -> new Account(rs.getLong("id"), rs.getString("email"),
      rs.getString("display_name"), Role.parse(rs.getString("role")), rs.getString("affiliation"), rs.getString("links"),
      rs.getLong("sessions_valid_after"));

  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;

  public Accounts(Database database, Clock clock, AuditLog audit) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.audit = audit;
  }

  public Optional<Account> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map(MAPPER).findOne());
  }

  public Optional<Account> findByEmail(String email) {
    String e = EmailAddress.require(email);
    return jdbi.withHandle(h -> findByEmail(h, e));
  }

  static Optional<Account> findByEmail(Handle h, String normalisedEmail) {
    return h.createQuery("SELECT * FROM accounts WHERE email = :e").bind("e", normalisedEmail).map(MAPPER).findOne();
  }

  /** The account for this address, created as a member on first sign-in; the display name starts as the mailbox name. */
  static Account findOrCreate(Handle h, String normalisedEmail, Role role, long now) {
    Optional<Account> existing = findByEmail(h, normalisedEmail);
    if (existing.isPresent()) return existing.get();
    String name = normalisedEmail.substring(0, normalisedEmail.indexOf('@'));
    h.createUpdate("INSERT INTO accounts (email, display_name, role, sessions_valid_after, created_at)"
            + " VALUES (:e, :n, :r, 0, :at) ON CONFLICT (email) DO NOTHING")
        .bind("e", normalisedEmail).bind("n", name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name)
        .bind("r", role.dbValue()).bind("at", java.time.Instant.ofEpochMilli(now).toString()).execute();
    return findByEmail(h, normalisedEmail).orElseThrow();
  }

  /** For bootstrapping from the command line: creates the account or changes its role. */
  public Account addOrSetRole(String email, Role role) {
    String e = EmailAddress.require(email);
    return jdbi.inTransaction(h -> {
      Account a = findOrCreate(h, e, role, clock.millis());
      if (a.role() != role) {
        h.createUpdate("UPDATE accounts SET role = :r WHERE id = :id").bind("r", role.dbValue()).bind("id", a.id()).execute();
      }
      return findByEmail(h, e).orElseThrow();
    });
  }

  /** An admin changes the role of whoever signed in as {@code email}; recorded in the audit log. */
  public void setRole(Account actor, String email, Role role) {
    Role.ADMIN.require(actor, "change roles"); // before the lookup: others learn nothing of who has an account
    Account target = findByEmail(email).orElseThrow(() -> Refusal.notFound("nobody has signed in as " + email + " yet"));
    jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET role = :r WHERE id = :id")
        .bind("r", role.dbValue()).bind("id", target.id()).execute());
    audit.record(actor, "set-role", "account:" + target.id(), role.dbValue());
  }

  public Account updateProfile(Account account, String displayName, String affiliation, String links) {
    String name = displayName == null ? "" : UserText.clean(displayName, false).strip();
    if (name.isEmpty()) throw Refusal.badInput("the display name may not be empty");
    if (name.length() > MAX_NAME) {
      throw Refusal.badInput("the display name is " + name.length()
          + " characters long; at most " + MAX_NAME + " are allowed");
    }
    String aff = affiliation == null || affiliation.isBlank() ? null : UserText.clean(affiliation, false).strip();
    if (aff != null && aff.length() > MAX_AFFILIATION) {
      throw Refusal.badInput("the affiliation may be at most " + MAX_AFFILIATION + " characters");
    }
    String cleanLinks = cleanLinks(links);
    jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET display_name = :n, affiliation = :a, links = :l,"
            + " profile_version = profile_version + 1 WHERE id = :id")
        .bind("n", name).bind("a", aff).bind("l", cleanLinks).bind("id", account.id()).execute());
    return find(account.id()).orElseThrow();
  }

  private static String cleanLinks(String links) {
    if (links == null || links.isBlank()) return null;
    java.util.List<String> kept = UserText.clean(links, true).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (kept.size() > MAX_LINKS) {
      throw Refusal.badInput("at most " + MAX_LINKS + " links, one per line");
    }
    for (String l : kept) {
      if (!(l.startsWith("https://") || l.startsWith("http://")) || l.length() > 300 || l.chars().anyMatch(c -> c <= ' ')) {
        throw Refusal.badInput("'" + l + "' is not an http(s) link");
      }
    }
    return String.join("\n", kept);
  }

  /** Invalidates every session of this account, on every device. */
  public void signOutEverywhere(Account account) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE account_id = :id").bind("id", account.id()).execute());
  }

  /** The name every erased account's comments show. */
  public static final String DELETED_NAME = "deleted member";

  /**
   * Erases an account at its owner's wish: votes and pending sign-in links go, every session ends, and
   * the row keeps only its id, so the member's comments stay in their threads as "deleted member".
   * Running it again changes nothing.
   */
  public void erase(long accountId) {
    jdbi.useTransaction(h -> {
      String email = h.createQuery("SELECT email FROM accounts WHERE id = :id").bind("id", accountId)
          .mapTo(String.class).findOne().orElseThrow(() -> Refusal.notFound("no account " + accountId));
      h.createUpdate("DELETE FROM votes WHERE account_id = :id").bind("id", accountId).execute();
      h.createUpdate("DELETE FROM signin_tokens WHERE email = :e").bind("e", email).execute();
      h.createUpdate("UPDATE accounts SET email = :e, display_name = :n, role = 'member', affiliation = NULL,"
              + " links = NULL, sessions_valid_after = :never WHERE id = :id")
          .bind("e", "deleted-" + accountId + "@deleted.invalid").bind("n", DELETED_NAME)
          .bind("never", Long.MAX_VALUE).bind("id", accountId).execute();
    });
  }
}
