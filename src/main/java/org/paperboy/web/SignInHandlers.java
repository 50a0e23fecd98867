package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.function.Supplier;
import org.paperboy.community.Account;
import org.paperboy.community.Accounts;
import org.paperboy.community.SignIn;
import org.paperboy.web.CommunityViews.ConfirmPage;
import org.paperboy.web.CommunityViews.MessagePage;
import org.paperboy.web.CommunityViews.ProfilePage;
import org.paperboy.web.CommunityViews.SignInPage;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Link;

/** Signing in by mailed link, signing out (here or everywhere) and the profile. */
final class SignInHandlers {
  private final SignIn signIn;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Csrf csrf;
  private final Visitors visitors;
  private final Templates templates;
  private final Supplier<String> publicUrl;
  private final ClientAddress clients;

  SignInHandlers(SignIn signIn, Accounts accounts, Sessions sessions, Csrf csrf, Visitors visitors, Templates templates,
      Supplier<String> publicUrl, ClientAddress clients) {
    this.clients = clients;
    this.signIn = signIn;
    this.accounts = accounts;
    this.sessions = sessions;
    this.csrf = csrf;
    this.visitors = visitors;
    this.templates = templates;
    this.publicUrl = publicUrl;
  }

  void form(Context ctx) {
    templates.privatePage(ctx, "signin.jte", new SignInPage(chrome(ctx, "Sign in"), csrf.token(ctx), ""));
  }

  /** The same answer whether or not the address has an account, so the form tells nobody who is a member. */
  void request(Context ctx) {
    signIn.requestLink(ctx.formParam("email"), clients.of(ctx), publicUrl.get() + "/signin/");
    message(ctx, "Check your mail", "Check your mail",
        "If the address is right, a sign-in link is on its way. It works once, for 15 minutes.", null);
  }

  void confirm(Context ctx) {
    templates.privatePage(ctx, "signin-confirm.jte",
        new ConfirmPage(chrome(ctx, "Sign in"), csrf.token(ctx), ctx.pathParam("token")));
  }

  void redeem(Context ctx) {
    Account account = signIn.redeem(ctx.pathParam("token"));
    sessions.start(ctx, account);
    csrf.renew(ctx); // a token planted before sign-in is worth nothing after
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  void signOut(Context ctx) {
    sessions.end(ctx);
    ctx.redirect("/", HttpStatus.SEE_OTHER);
  }

  void signOutEverywhere(Context ctx) {
    accounts.signOutEverywhere(sessions.require(ctx));
    sessions.end(ctx);
    message(ctx, "Signed out", "Signed out everywhere", "Every session of your account has ended, on every device.",
        new Link("Sign in again", "/signin"));
  }

  void profile(Context ctx) {
    if (sessions.account(ctx).isEmpty()) {
      ctx.redirect("/signin", HttpStatus.SEE_OTHER);
      return;
    }
    Visitor v = visitors.of(ctx, List.of());
    templates.privatePage(ctx, "profile.jte", new ProfilePage(new Chrome("Your profile", "profile", null, v), v.account(),
        v.account().links() == null ? List.of() : v.account().links().lines().toList()));
  }

  void saveProfile(Context ctx) {
    accounts.updateProfile(sessions.require(ctx), ctx.formParam("displayName"), ctx.formParam("affiliation"),
        ctx.formParam("links"));
    ctx.redirect("/profile", HttpStatus.SEE_OTHER);
  }

  private Chrome chrome(Context ctx, String title) {
    return new Chrome(title, "signin", null, visitors.of(ctx, List.of()));
  }

  private void message(Context ctx, String title, String heading, String text, Link next) {
    templates.privatePage(ctx, "message.jte", new MessagePage(chrome(ctx, title), heading, text, next));
  }
}
