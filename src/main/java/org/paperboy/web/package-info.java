/**
 * The web face: Javalin routes (all registered in {@link org.paperboy.web.WebServer}), small handlers,
 * the records the jte templates of {@code src/main/jte} render, Atom feeds and the JSON API. Thin:
 * it reads requests and asks the features ({@code paper}, {@code trending}); it owns no tables.
 * Promise: everything shown is escaped, client mistakes answer 4xx (JSON under {@code /api}), never 500.
 */
package org.paperboy.web;
