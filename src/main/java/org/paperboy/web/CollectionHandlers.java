package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.paperboy.community.Account;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.personal.CollectionTransfer;
import org.paperboy.personal.PaperCollection;
import org.paperboy.personal.SavedPaper;
import org.paperboy.support.Refusal;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Entry;

/**
 * Collections (list, page, create, rename, public or private, delete, import, export, public feed)
 * and the member's own data (download as JSON, erase the account). A private collection answers 404
 * to anyone but its owner, the same 404 as one that never existed.
 */
final class CollectionHandlers {
  private final PersonalServices personal;
  private final PaperStore papers;
  private final Sessions sessions;
  private final Visitors visitors;
  private final Templates templates;
  private final AtomFeeds feeds;

  CollectionHandlers(PersonalServices personal, PaperStore papers, Sessions sessions, Visitors visitors,
      Templates templates, AtomFeeds feeds) {
    this.personal = personal;
    this.papers = papers;
    this.sessions = sessions;
    this.visitors = visitors;
    this.templates = templates;
    this.feeds = feeds;
  }


  void list(Context ctx) {
    Account who = sessions.owner(ctx);
    listPage(ctx, who, null, null);
  }

  private void listPage(Context ctx, Account who, CollectionTransfer.ImportReport report, String reportFor) {
    templates.privatePage(ctx, "collections.jte", new PersonalViews.CollectionsPage(
        new Chrome("Collections", "collections", null, visitors.of(ctx, List.of())),
        personal.collections().of(who.id()), report, reportFor));
  }

  void create(Context ctx) {
    Account who = sessions.owner(ctx);
    PaperCollection c = personal.collections().create(who.id(), ctx.formParam("name"));
    ctx.redirect("/collections/" + c.id(), HttpStatus.SEE_OTHER);
  }

  /** The owner's page, or anyone's view of a public collection. */
  void page(Context ctx) {
    PaperCollection c = visible(ctx);
    Long viewer = sessions.account(ctx).map(Account::id).orElse(null);
    List<Paper> ps = papers.findAll(personal.collections().papers(c.id()).stream().map(SavedPaper::paper).toList());
    Visitor v = visitors.of(ctx, ps.stream().map(Paper::id).toList());
    boolean owner = viewer != null && viewer == c.ownerId();
    templates.privatePage(ctx, "collection.jte", new PersonalViews.CollectionPage(
        new Chrome(c.name(), "collections", null, v), c, ps.stream().map(Entry::of).toList(), owner,
        c.isPublic() ? "/collections/" + c.id() + "/feed.atom" : null));
  }

  private PaperCollection visible(Context ctx) {
    long id = PersonalHandlers.number(ctx.pathParam("id"), "collection");
    Long viewer = sessions.account(ctx).map(Account::id).orElse(null);
    return personal.collections().visibleTo(viewer, id).orElseThrow(() -> Refusal.notFound("no collection " + id));
  }

  /** public=true|false, rename (name=…), delete, import (file or text): on the member's own collection. */
  void change(Context ctx) {
    Account who = sessions.owner(ctx);
    long id = PersonalHandlers.number(ctx.pathParam("id"), "collection");
    switch (ctx.pathParam("action")) {
      case "public" -> personal.collections().setPublic(who.id(), id, "true".equals(ctx.formParam("public")));
      case "rename" -> personal.collections().rename(who.id(), id, ctx.formParam("name"));
      case "delete" -> {
        personal.collections().delete(who.id(), id);
        ctx.redirect("/collections", HttpStatus.SEE_OTHER);
        return;
      }
      case "import" -> {
        CollectionTransfer.ImportReport report = personal.transfer().importInto(who.id(), id, importText(ctx));
        listPage(ctx, who, report, personal.collections().owned(who.id(), id).name());
        return;
      }
      default -> throw Refusal.notFound("nothing at " + ctx.path());
    }
    ctx.redirect("/collections/" + id, HttpStatus.SEE_OTHER);
  }

  /** The uploaded file when there is one, else the pasted text. */
  private static String importText(Context ctx) {
    var file = ctx.uploadedFile("file");
    if (file != null && file.size() > 0) {
      if (file.size() > CollectionTransfer.MAX_IMPORT_CHARS) throw Refusal.badInput("file: at most 2 MB at a time");
      try (var in = file.content()) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw Refusal.badInput("file: could not be read");
      }
    }
    return ctx.formParam("text");
  }

  void exportBibTex(Context ctx) {
    PaperCollection c = visible(ctx);
    download(ctx, "application/x-bibtex; charset=utf-8", fileName(c) + ".bib", personal.transfer().bibTex(c));
  }

  void exportCsv(Context ctx) {
    PaperCollection c = visible(ctx);
    download(ctx, "text/csv; charset=utf-8", fileName(c) + ".csv", personal.transfer().csv(c));
  }

  /** A public collection's Atom feed; a private one has none (404). */
  void feed(Context ctx) {
    PaperCollection c = visible(ctx);
    if (!c.isPublic()) throw Refusal.notFound("no collection " + c.id());
    List<Paper> ps = papers.findAll(personal.collections().papers(c.id()).stream().map(SavedPaper::paper).toList());
    feeds.papers(ctx, "/collections/" + c.id() + "/feed.atom", "/collections/" + c.id(), "Paperboy: " + c.name(), ps, p -> null);
  }

  private static String fileName(PaperCollection c) {
    String n = c.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return n.isEmpty() ? "collection-" + c.id() : n;
  }

  private static void download(Context ctx, String type, String name, String body) {
    ctx.header("Cache-Control", "no-store").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .contentType(type).result(body);
  }

  /** Everything Paperboy holds about the member, as JSON. */
  void data(Context ctx) {
    Account who = sessions.owner(ctx);
    download(ctx, "application/json; charset=utf-8", "paperboy-" + who.id() + ".json", personal.data().export(who.id()));
  }

  /** Erases the account after the member typed DELETE; their comments stay as "deleted member". */
  void eraseAccount(Context ctx) {
    Account who = sessions.owner(ctx);
    if (!"DELETE".equals(ctx.formParam("confirm"))) throw Refusal.badInput("confirm: type DELETE to erase your account");
    personal.data().erase(who.id());
    sessions.end(ctx);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }
}
