package org.paperboy.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Jdbi;
import org.paperboy.db.Database;

/**
 * Everything Paperboy holds about a member, as one JSON document they can download, and the erasing
 * of it. Each feature answers for its own part ({@code parts} and {@code erasers}, wired where
 * everything is assembled); this class adds the personal part and the order: what is personal goes
 * first, the account row last, so a crash half-way is finished by asking again.
 */
public final class PersonalData {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .findAndRegisterModules();

  private final Jdbi jdbi;
  private final PaperCollections collections;
  private final Follows follows;
  private final Dismissals dismissals;
  private final Map<String, LongFunction<Object>> parts;
  private final java.util.List<LongConsumer> erasers;

  /**
   * @param parts other features' data about a member, by name ("account", "votes", "comments", "digest")
   * @param erasers other features' erasing, run in order after the personal tables are emptied
   */
  public PersonalData(Database database, PaperCollections collections, Follows follows, Dismissals dismissals,
      Map<String, LongFunction<Object>> parts, java.util.List<LongConsumer> erasers) {
    this.jdbi = database.jdbi();
    this.collections = collections;
    this.follows = follows;
    this.dismissals = dismissals;
    this.parts = new LinkedHashMap<>(parts);
    this.erasers = java.util.List.copyOf(erasers);
  }

  /** The member's data as an indented JSON document. */
  public String export(long accountId) {
    ObjectNode root = JSON.createObjectNode();
    parts.forEach((name, part) -> root.set(name, JSON.valueToTree(part.apply(accountId))));
    ArrayNode cs = root.putArray("collections");
    for (PaperCollection c : collections.of(accountId)) {
      ObjectNode n = cs.addObject().put("name", c.name()).put("public", c.isPublic());
      ArrayNode ps = n.putArray("papers");
      collections.papers(c.id()).forEach(s -> ps.addObject().put("arxivId", s.paper().value())
          .put("addedAt", s.addedAt().toString()));
    }
    ArrayNode fs = root.putArray("follows");
    follows.of(accountId).forEach(f -> fs.addObject().put("kind", f.kind().dbValue()).put("target", f.target())
        .put("mode", f.mode()).put("category", f.category()).put("inDigest", f.inDigest()));
    ArrayNode ds = root.putArray("notInterested");
    dismissals.of(accountId).forEach(id -> ds.add(id.value()));
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Erases the member: collections, follows and dismissals, then each other feature's part. */
  public void erase(long accountId) {
    jdbi.useTransaction(h -> {
      for (String table : new String[] {"collections", "follows", "dismissals", "personal_versions", "for_you_feeds"}) {
        h.createUpdate("DELETE FROM " + table + " WHERE account_id = :a").bind("a", accountId).execute();
      }
    });
    erasers.forEach(e -> e.accept(accountId));
  }
}
