package org.paperboy.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperboy.code.CodeLink;
import org.paperboy.code.LinkedCode;
import org.paperboy.code.PaperCode;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.trending.Activity;
import org.paperboy.trending.DailyEntry;
import org.paperboy.trending.DailyList;

/**
 * The paper object of the papers API dialect that the official client ({@code huggingface_hub}'s
 * {@code PaperInfo}) reads, written in one place for every route: {@code id, title, summary,
 * publishedAt, upvotes, numComments, authors[{name}]}, and when the paper was on a daily list
 * {@code submittedOnDailyAt} and {@code submittedOnDailyBy}; {@code githubRepo}, {@code projectPage}
 * and {@code githubStars} when known. Every instant is {@code YYYY-MM-DDTHH:MM:SS.sssZ}, every person
 * an object. Paperboy's extras ({@code categories}, {@code listedOn}, {@code codeLinks}, {@code numCommentsHere},
 * {@code numCommentsOnSource},
 * {@code githubStarGrowth}) are extra fields, which the client keeps as attributes.
 */
final class PaperJson {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final DailyList lists;
  private final LinkedCode code;

  PaperJson(DailyList lists, LinkedCode code) {
    this.lists = lists;
    this.code = code;
  }

  /** Instants the way the dialect writes them: {@code 2024-05-27T03:50:58.348Z}. */
  static String instant(Instant i) {
    return INSTANT.format(i);
  }

  /** A person as the dialect's {@code User}: an object, never a string. */
  static ObjectNode user(String name) {
    ObjectNode u = ApiHandlers.JSON.createObjectNode();
    u.put("user", name);
    u.put("name", name);
    u.put("fullname", name);
    u.put("type", "user");
    return u;
  }

  /** One paper with its counts, its latest listing and its code: what {@code /api/papers/{id}} answers. */
  ObjectNode paper(Paper p) {
    return papers(List.of(p)).getFirst();
  }

  /** Papers in the shape of {@link #paper(Paper)}, in order. */
  List<ObjectNode> papers(List<Paper> ps) {
    Map<String, PaperCode> codes = code.of(ps.stream().map(Paper::id).toList());
    List<ObjectNode> out = new ArrayList<>(ps.size());
    for (Paper p : ps) {
      List<DailyEntry> listings = lists.listingsOf(p);
      Activity activity = lists.activityOf(p.id());
      ObjectNode node = base(p, activity.upvotes(), activity.comments(), activity.commentsHere(), codes.getOrDefault(p.id().value(), PaperCode.NONE));
      if (!listings.isEmpty()) listed(node, listings.getFirst());
      ArrayNode days = node.putArray("listedOn");
      listings.forEach(l -> days.add(l.listingDate().toString()));
      out.add(node);
    }
    return out;
  }

  /** Daily-list entries in the item shape of {@code /api/daily_papers}: {@code paper} plus the listing's own fields. */
  List<ObjectNode> items(List<DailyEntry> entries) {
    Map<String, PaperCode> codes = code.of(entries.stream().map(e -> e.paper().id()).toList());
    List<ObjectNode> out = new ArrayList<>(entries.size());
    for (DailyEntry e : entries) {
      Paper p = e.paper();
      ObjectNode item = ApiHandlers.JSON.createObjectNode();
      ObjectNode paper = base(p, e.upvotes(), e.comments(), e.commentsHere(), codes.getOrDefault(p.id().value(), PaperCode.NONE));
      listed(paper, e);
      item.set("paper", paper);
      item.put("publishedAt", instant(e.listedAt()));
      item.put("title", p.title());
      item.put("summary", p.abstractText());
      item.put("numComments", e.comments());
      if (e.submittedBy() != null) item.set("submittedBy", user(e.submittedBy()));
      item.put("isAuthorParticipating", false);
      out.add(item);
    }
    return out;
  }

  private static ObjectNode base(Paper p, int upvotes, int comments, int commentsHere, PaperCode code) {
    ObjectNode node = ApiHandlers.JSON.createObjectNode();
    node.put("id", p.id().value());
    node.put("title", p.title());
    node.put("summary", p.abstractText());
    Instant published = p.firstSubmitted() != null ? p.firstSubmitted()
        : p.publishedOn() != null ? p.publishedOn().atStartOfDay(ZoneOffset.UTC).toInstant() : null;
    if (published != null) node.put("publishedAt", instant(published));
    node.put("upvotes", upvotes);
    // as the public API counts: the source list's baseline plus the comments written here; and the two parts apart
    node.put("numComments", comments).put("numCommentsHere", commentsHere).put("numCommentsOnSource", comments - commentsHere);
    ArrayNode authors = node.putArray("authors");
    for (Author a : p.authors()) authors.addObject().put("name", a.displayName()).put("hidden", false);
    code.githubRepo().ifPresent(l -> node.put("githubRepo", l.url()));
    code.projectPage().ifPresent(l -> node.put("projectPage", l.url()));
    if (code.stars() != null) {
      node.put("githubStars", code.stars().stars());
      node.put("githubStarGrowth", code.stars().growth());
    }
    ArrayNode categories = node.putArray("categories");
    p.categories().forEach(categories::add);
    ArrayNode links = node.putArray("codeLinks");
    for (CodeLink l : code.links()) links.addObject().put("kind", l.kind().key()).put("url", l.url());
    return node;
  }

  private static void listed(ObjectNode paper, DailyEntry listing) {
    paper.put("submittedOnDailyAt", instant(listing.listedAt()));
    if (listing.submittedBy() != null) paper.set("submittedOnDailyBy", user(listing.submittedBy()));
  }
}
