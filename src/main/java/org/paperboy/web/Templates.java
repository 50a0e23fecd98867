package org.paperboy.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the jte templates of {@code src/main/jte}, compiled to classes at build time (so a
 * production server needs no Java compiler). The HTML content type escapes every {@code ${…}}.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** A page made for one visitor (their forms, their account): never stored by a cache on the way. */
  void privatePage(io.javalin.http.Context ctx, String template, Object model) {
    ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(render(template, model));
  }

  String render(String template, Object model) {
    StringOutput out = new StringOutput(16 * 1024);
    engine.render(template, model, out);
    return out.toString();
  }
}
