package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.paperboy.community.Account;
import org.paperboy.digest.Digest;
import org.paperboy.digest.DigestMail;
import org.paperboy.digest.Subscription;
import org.paperboy.digest.Subscriptions;
import org.paperboy.digest.Topics;
import org.paperboy.support.Refusal;
import org.paperboy.web.CommunityViews.MessagePage;
import org.paperboy.web.DigestViews.ConfirmActionPage;
import org.paperboy.web.DigestViews.SubscribePage;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Link;

/**
 * Subscribing to digests (form and JSON), confirming, managing and leaving through signed links, and
 * a preview for signed-in subscribers. Following a mailed link only shows a button; the change is a
 * POST, so mail scanners that open links change nothing — except RFC 8058's one-click unsubscribe,
 * which is a POST by definition.
 */
final class DigestHandlers {
  private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
      .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted()
      .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
        l.addFirst("UTC");
        return List.copyOf(l);
      }));
  private static final String ANSWER = "If the address can receive our digest, a mail with a confirmation link is on its"
      + " way. Nothing is sent until you follow it.";

  private final DigestServices services;
  private final Sessions sessions;
  private final Visitors visitors;
  private final Csrf csrf;
  private final Templates templates;
  private final Supplier<String> publicUrl;
  private final ClientAddress clients;

  DigestHandlers(DigestServices services, Sessions sessions, Visitors visitors, Csrf csrf, Templates templates,
      Supplier<String> publicUrl, ClientAddress clients) {
    this.services = services;
    this.sessions = sessions;
    this.visitors = visitors;
    this.csrf = csrf;
    this.templates = templates;
    this.publicUrl = publicUrl;
    this.clients = clients;
  }

  private Subscriptions subscriptions() {
    return services.subscriptions();
  }

  void form(Context ctx) {
    String email = Optional.ofNullable(ctx.queryParam("email"))
        .or(() -> sessions.account(ctx).map(Account::email)).orElse("");
    templates.privatePage(ctx, "subscribe.jte", new SubscribePage(chrome(ctx, "Subscribe"), csrf.token(ctx), "/subscribe",
        "Trending papers in your inbox", email.strip(), false, "daily", 1, 8, "UTC", "", "", "", "", ZONES, null));
  }

  void subscribe(Context ctx) {
    subscriptions().subscribe(request(ctx, ctx.formParam("email")), clients.of(ctx), publicUrl.get());
    message(ctx, "Check your inbox", "Check your inbox", ANSWER, new Link("Back to the papers", "/"));
  }

  /** {@code POST /api/subscriptions} with a JSON body; the same answer whether or not the address is known. */
  void subscribeApi(Context ctx) {
    JsonNode body;
    try {
      body = ApiHandlers.JSON.readTree(ctx.body());
    } catch (java.io.IOException e) {
      throw Refusal.badInput("the body is not JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) throw Refusal.badInput("the body must be a JSON object");
    String frequency = text(body, "frequency", "daily");
    Subscriptions.Request r = new Subscriptions.Request(text(body, "email", ""), frequency(frequency),
        weekday(text(body, "weekday", "monday")), body.path("hour").asInt(8), text(body, "timeZone", "UTC"),
        Topics.parse(join(body.get("categories")), join(body.get("keywords")), text(body, "interest", ""),
            join(body.get("exclude"))));
    subscriptions().subscribe(r, clients.of(ctx), publicUrl.get());
    var node = ApiHandlers.JSON.createObjectNode().put("status", "pending").put("message", ANSWER);
    ctx.status(HttpStatus.ACCEPTED);
    ApiHandlers.json(ctx, node);
  }

  void confirmPage(Context ctx) {
    Subscription s = subscriptions().byToken("confirm", ctx.pathParam("token"));
    action(ctx, "Confirm your subscription", "Confirm that " + s.email() + " should receive Paperboy's "
        + s.frequency().name().toLowerCase(Locale.ROOT) + " digest.", "/subscriptions/confirm/" + ctx.pathParam("token"), "Confirm");
  }

  void confirm(Context ctx) {
    Subscription s = subscriptions().confirm(ctx.pathParam("token"));
    message(ctx, "Subscribed", "You are subscribed", "The first digest reaches " + s.email() + " at "
        + String.format("%02d:00", s.sendHour()) + " (" + s.timeZone() + ") once there is something new.",
        new Link("Change what you receive", managePath(s)));
  }

  void managePage(Context ctx) {
    String token = ctx.pathParam("token");
    Subscription s = subscriptions().byToken("manage", token);
    Topics t = s.topics();
    templates.privatePage(ctx, "subscribe.jte", new SubscribePage(chrome(ctx, "Your digest"), csrf.token(ctx),
        "/subscriptions/manage/" + token, "Your digest: " + s.status().name().toLowerCase(Locale.ROOT), s.email(), true,
        s.frequency().name().toLowerCase(Locale.ROOT), s.weekday().getValue(), s.sendHour(), s.timeZone().getId(),
        t.categoriesText(), String.join(", ", t.keywords()), t.interest(), String.join(", ", t.excluded()), ZONES,
        unsubscribePath(s)));
  }

  void manage(Context ctx) {
    Subscription s = subscriptions().byToken("manage", ctx.pathParam("token"));
    subscriptions().update(s, request(ctx, s.email()));
    ctx.redirect(managePath(s), HttpStatus.SEE_OTHER);
  }

  void unsubscribePage(Context ctx) {
    Subscription s = subscriptions().byToken("unsubscribe", ctx.pathParam("token"));
    action(ctx, "Unsubscribe", "Stop sending Paperboy's digest to " + s.email() + "?",
        "/unsubscribe/" + ctx.pathParam("token"), "Unsubscribe");
  }

  /** One click (RFC 8058): a mail client POSTs {@code List-Unsubscribe=One-Click}; the signed link is the authority. */
  void unsubscribe(Context ctx) {
    Subscription s = subscriptions().unsubscribe(ctx.pathParam("token"));
    message(ctx, "Unsubscribed", "Unsubscribed", s.email() + " will receive no more digests.", new Link("Back to the papers", "/"));
  }

  /** The member's own subscription: its manage page, or the form to start one. */
  void account(Context ctx) {
    Account who = sessions.require(ctx);
    Optional<Subscription> s = subscriptions().findByEmail(who.email());
    ctx.redirect(s.map(this::managePath).orElse("/subscribe?email=" + java.net.URLEncoder.encode(who.email(),
        java.nio.charset.StandardCharsets.UTF_8)), HttpStatus.SEE_OTHER);
  }

  /** The member chooses where their digest's papers come from: trending, or their For you ranking. */
  void setSource(Context ctx) {
    Account who = sessions.require(ctx);
    Subscription s = subscriptions().findByEmail(who.email())
        .orElseThrow(() -> Refusal.notFound("you have no digest subscription yet: subscribe first"));
    subscriptions().setForYou(s.id(), "for-you".equals(ctx.formParam("source")));
    ctx.redirect("/follows", HttpStatus.SEE_OTHER);
  }

  /** What the member's next digest would hold now, as the mail's own HTML. */
  void preview(Context ctx) {
    Account who = sessions.require(ctx);
    Subscription s = subscriptions().findByEmail(who.email())
        .orElseThrow(() -> Refusal.notFound("you have no digest subscription yet: subscribe first"));
    Digest d = services.digests().preview(s, services.clock().instant());
    if (d.empty()) {
      message(ctx, "Digest preview", "Nothing new right now", "Your next digest would be empty, so none would be sent.",
          new Link("Change what you receive", managePath(s)));
      return;
    }
    String base = publicUrl.get();
    ctx.header("Content-Security-Policy", SecurityHeaders.MAIL_PREVIEW);
    ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(DigestMail.render(d, base,
        subscriptions().unsubscribeUrl(base, s.id()), subscriptions().manageUrl(base, s.id())).html());
  }

  private Subscriptions.Request request(Context ctx, String email) {
    int hour;
    try {
      hour = Integer.parseInt(Optional.ofNullable(ctx.formParam("hour")).orElse("8"));
    } catch (NumberFormatException e) {
      throw Refusal.badInput("the hour must be a number 0–23");
    }
    return new Subscriptions.Request(email, frequency(Optional.ofNullable(ctx.formParam("frequency")).orElse("daily")),
        weekday(Optional.ofNullable(ctx.formParam("weekday")).orElse("1")), hour,
        Optional.ofNullable(ctx.formParam("timeZone")).orElse("UTC"),
        Topics.parse(ctx.formParam("categories"), ctx.formParam("keywords"), ctx.formParam("interest"), ctx.formParam("excluded")));
  }

  private static Subscription.Frequency frequency(String text) {
    try {
      return Subscription.Frequency.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badInput("frequency must be daily or weekly, not '" + text + "'");
    }
  }

  private static DayOfWeek weekday(String text) {
    String t = text.strip();
    try {
      return t.matches("[1-7]") ? DayOfWeek.of(Integer.parseInt(t)) : DayOfWeek.valueOf(t.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.badInput("weekday must be monday … sunday or 1 … 7, not '" + text + "'");
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return fallback;
    if (!n.isValueNode()) throw Refusal.badInput("field '" + field + "' must be a string");
    return n.asText();
  }

  /** A JSON list of strings, or one string, as the comma-separated text the form would send. */
  private static String join(JsonNode n) {
    if (n == null || n.isNull()) return "";
    if (n.isTextual()) return n.asText();
    if (!n.isArray()) throw Refusal.badInput("topics must be strings or lists of strings");
    List<String> parts = new java.util.ArrayList<>();
    n.forEach(x -> parts.add(x.asText()));
    return String.join(",", parts);
  }

  private String managePath(Subscription s) {
    return subscriptions().manageUrl("", s.id());
  }

  private String unsubscribePath(Subscription s) {
    return subscriptions().unsubscribeUrl("", s.id());
  }

  private void action(Context ctx, String title, String text, String action, String button) {
    templates.privatePage(ctx, "confirm-action.jte", new ConfirmActionPage(chrome(ctx, title), csrf.token(ctx), title, text,
        action, button));
  }

  private Chrome chrome(Context ctx, String title) {
    return new Chrome(title, "subscribe", null, visitors.of(ctx, List.of()));
  }

  private void message(Context ctx, String title, String heading, String text, Link next) {
    templates.privatePage(ctx, "message.jte", new MessagePage(chrome(ctx, title), heading, text, next));
  }
}
