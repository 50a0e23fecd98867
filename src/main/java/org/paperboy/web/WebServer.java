package org.paperboy.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.paperboy.code.LinkedCode;
import org.paperboy.db.StoreAway;
import org.paperboy.paper.PaperStore;
import org.paperboy.search.VectorCoverage;
import org.paperboy.search.SearchService;
import org.paperboy.support.DiskFull;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.TrendingRanking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web face of Paperboy: Javalin on Jetty 12 with virtual threads. Every route is registered in
 * {@link #routes}, one line each; handlers live in {@link PageHandlers}, {@link ApiHandlers},
 * {@link AtomFeeds}, {@link SignInHandlers} and {@link CommunityHandlers}. A feature's {@link Refusal}
 * becomes its status in {@link Refusals} (JSON under /api, a page elsewhere), never a 500. Every POST
 * passes {@link Csrf} first.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** When a visitor may try a write again after the disk was full: long enough for an operator to act. */
  private static final java.time.Duration DISK_FULL_RETRY = java.time.Duration.ofMinutes(1);
  /** When a visitor may try again while the store is away (a database restart takes seconds). */
  private static final java.time.Duration STORE_AWAY_RETRY = java.time.Duration.ofSeconds(10);
  private static final java.time.Duration STORE_AWAY_LOG_EVERY = java.time.Duration.ofSeconds(10);
  private final java.util.concurrent.atomic.AtomicLong storeAwayRefused = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong storeAwayLoggedAt =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - STORE_AWAY_LOG_EVERY.toNanos() - 1);
  /** The data directory whose disk /health watches; null: none. */
  private java.nio.file.Path dataDir;
  /** How long stopping waits for requests in flight. */
  public static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(5);

  private final PageHandlers pages;
  private final ApiHandlers api;
  private final MarkdownPages markdown;
  private final Sitemaps sitemaps;
  private final AtomFeeds feeds;
  private final SearchHandlers search;
  private final Freshness freshness;
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PaperStore papers;
  private final Templates templates = new Templates();
  private final Csrf csrf;
  private final Visitors visitors;
  private final Refusals refusals;
  private final SignInHandlers signInPages;
  private final CommunityHandlers community;
  private final DigestHandlers digests;
  private final PersonalHandlers personal;
  private final CollectionHandlers collections;
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final URI publicUrl;
  private final java.util.function.Supplier<List<org.paperboy.schedule.ScheduleStatus>> schedules;
  private volatile List<org.paperboy.schedule.ScheduleStatus> scheduleStatus;
  private volatile long scheduleStatusAt;
  private final java.util.Map<String, byte[]> scripts = java.util.Map.of("vote.js", resource("/static/vote.js"),
      "subscribe.js", resource("/static/subscribe.js"));
  private final byte[] css = resource("/static/site.css");
  private final byte[] openApi = resource("/web/openapi.json");
  private Javalin app;
  private volatile String metricsToken;
  private final SearchService searchService;
  /** Pages answered (not /health or /metrics): background work backs off while this moves. */
  private final java.util.concurrent.atomic.AtomicLong pagesServed = new java.util.concurrent.atomic.AtomicLong();

  public WebServer(PaperStore papers, DailyList lists, TrendingRanking trending, SearchService search, Clock clock,
      CommunityServices services, DigestServices digestServices, PersonalServices personalServices, LinkedCode code) {
    this.papers = papers;
    PaperJson json = new PaperJson(lists, code);
    this.search = new SearchHandlers(search, papers, templates, json);
    Sessions sessions = new Sessions(services.signIn());
    this.csrf = new Csrf(services.csrfKey());
    this.visitors = new Visitors(sessions, csrf, services.votes(), personalServices.collections());
    this.refusals = new Refusals(templates, visitors);
    this.publicUrl = services.publicUrl();
    this.schedules = services.schedules();
    this.signInPages = new SignInHandlers(services.signIn(), services.accounts(), sessions, csrf, visitors, templates,
        this::publicUrl, new ClientAddress(services.behindProxy()));
    this.searchService = search;
    this.community = new CommunityHandlers(services, papers, lists, sessions, visitors, templates,
        () -> search.coverage().line());
    this.digests = new DigestHandlers(digestServices, sessions, visitors, csrf, templates, this::publicUrl,
        new ClientAddress(services.behindProxy()));
    this.pages = new PageHandlers(papers, lists, trending, templates, clock, visitors, services, this.search, code,
        this::publicUrl);
    this.api = new ApiHandlers(papers, lists, trending, clock, json);
    this.markdown = new MarkdownPages(papers, lists, code, this.search, clock, this::publicUrl);
    this.sitemaps = new Sitemaps(papers, this::publicUrl);
    this.feeds = new AtomFeeds(papers, lists, trending, this.search, clock);
    this.freshness = new Freshness(papers, lists, code, clock);
    this.personal = new PersonalHandlers(personalServices, trending, sessions, visitors, templates, feeds, json);
    this.collections = new CollectionHandlers(personalServices, papers, sessions, visitors, templates, feeds);
    registerVectorGauges();
  }

  /** Starts listening; port 0 picks a free port (see {@link #port()}). */
  public WebServer start(String host, int port) {
    app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      // HTML pages get an ETag over their (per-visitor) body, so a reload of an unchanged page is a 304;
      // the cached API and feeds arrive with PageCache's ETag already set, which Javalin keeps.
      config.http.generateEtags = true;
      config.startup.showJavalinBanner = false;
      // a method a path does not take is 405 with an Allow header, not 404
      config.http.prefer405over404 = true;
      RequestBodies.limit(config);
      // stopping waits for the requests in flight (at most DRAIN), then closes; new ones are refused meanwhile
      config.jetty.modifyServer(server -> {
        server.setHandler(new GracefulHandler());
        server.setStopTimeout(DRAIN.toMillis());
      });
      routes(config);
    });
    app.start(host, port);
    LOG.debug("serving on http://{}:{}/", host, app.port());
    return this;
  }

  private void routes(JavalinConfig config) {
    var r = config.routes;
    PageCache cache = new PageCache(freshness);
    r.before(this::startTimer);
    r.before(SecurityHeaders::apply);
    r.before(RequestBodies::check);
    r.before(freshness::answerNotModified);
    r.before(csrf::check);
    r.before(WebServer::privateWhenSignedIn);
    // A page is the same for every visitor without a session or a visit cookie (anonymous pages hold no
    // forms): those come from the cache while the data stands; anyone else's page is rendered for them.
    get(r, "/", cache.wrap(pages::daily, pages::startVisit));
    get(r, "/trending", cache.wrap(pages::trending));
    // a paper as HTML, or as Markdown for /papers/{id}.md and Accept: text/markdown (each cached apart);
    // its similar papers follow its own vector and the vector share, which no data version counts: cached per both
    Handler paperPage = cache.wrap("", pages::paper, search::similarVersionOf);
    Handler paperMarkdown = cache.wrap("markdown", markdown::paper, search::similarVersionOf);
    get(r, "/papers/<id>", ctx -> (MarkdownPages.wanted(ctx) ? paperMarkdown : paperPage).handle(ctx.header("Vary", "Accept")));
    get(r, "/latest", cache.wrap(pages::latest));
    get(r, "/search", pages::search);
    get(r, "/api/daily_papers", cache.wrap(api::dailyPapers));
    get(r, "/api/daily_papers.md", cache.wrap(markdown::day));
    get(r, "/robots.txt", sitemaps::robots);
    get(r, "/sitemap.xml", cache.wrap(sitemaps::sitemap));
    get(r, "/sitemaps/{file}", cache.wrap(sitemaps::file));
    // the specific paper routes first: /api/papers/<id>'s <id> also takes old-style ids with their slash
    get(r, "/api/papers/search", search::api);
    get(r, "/api/papers/<id>/similar", cache.wrap("", search::similarApi, search::similarVersionOf));
    get(r, "/api/papers/<id>/comments", community::apiComments);
    get(r, "/api/papers/<id>", cache.wrap(api::paper));
    get(r, "/api/trending", cache.wrap(api::trending));
    get(r, "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    get(r, "/feeds/daily.atom", cache.wrap(feeds::daily));
    get(r, "/feeds/trending.atom", cache.wrap(feeds::trending));
    get(r, "/feeds/category/{cat}", cache.wrap(feeds::category));
    get(r, "/feeds/search.atom", feeds::search);
    get(r, "/static/site.css", ctx -> ctx.contentType("text/css; charset=utf-8")
        .header("Cache-Control", "public, max-age=3600").result(css));
    scripts.forEach((name, body) -> get(r, "/static/" + name, ctx -> ctx.contentType("text/javascript; charset=utf-8")
        .header("Cache-Control", "public, max-age=3600").result(body)));
    get(r, "/signin", signInPages::form);
    r.post("/signin", signInPages::request);
    get(r, "/signin/{token}", signInPages::confirm);
    r.post("/signin/{token}", signInPages::redeem);
    r.post("/signout", signInPages::signOut);
    r.post("/signout/everywhere", signInPages::signOutEverywhere);
    get(r, "/profile", signInPages::profile);
    r.post("/profile", signInPages::saveProfile);
    get(r, "/submit", community::submitForm);
    r.post("/submit", community::submit);
    r.post("/vote", community::vote);
    r.post("/comments", community::addComment);
    r.post("/comments/{id}/edit", community::editComment);
    r.post("/comments/{id}/delete", community::deleteComment);
    r.post("/comments/{id}/hide", community::hideComment);
    r.post("/entries/pin", community::pinEntry);
    r.post("/entries/remove", community::removeEntry);
    get(r, "/admin", community::admin);
    r.post("/admin/role", community::setRole);
    get(r, "/subscribe", digests::form);
    r.post("/subscribe", digests::subscribe);
    r.post("/api/subscriptions", digests::subscribeApi);
    get(r, "/subscriptions/confirm/{token}", digests::confirmPage);
    r.post("/subscriptions/confirm/{token}", digests::confirm);
    get(r, "/subscriptions/manage/{token}", digests::managePage);
    r.post("/subscriptions/manage/{token}", digests::manage);
    get(r, "/unsubscribe/{token}", digests::unsubscribePage);
    r.post("/unsubscribe/{token}", digests::unsubscribe);
    get(r, "/account/digest", digests::account);
    get(r, "/digest/preview", digests::preview);
    r.post("/account/digest/source", digests::setSource);
    get(r, "/for-you", personal::forYouPage);
    get(r, "/api/for-you", personal::forYouApi);
    r.post("/for-you/feed/revoke", personal::revokeForYouFeed);
    get(r, "/feeds/for-you/{account}/{token}", personal::forYouFeed);
    r.post("/save", personal::save);
    r.post("/dismiss", personal::dismiss);
    r.post("/follow", personal::follow);
    get(r, "/follows", personal::followsPage);
    r.post("/follows/{id}/{action}", personal::changeFollow);
    get(r, "/feeds/follow/{id}/{token}", personal::followFeed);
    get(r, "/collections", collections::list);
    r.post("/collections", collections::create);
    get(r, "/collections/{id}", collections::page);
    get(r, "/collections/{id}/export.bib", collections::exportBibTex);
    get(r, "/collections/{id}/export.csv", collections::exportCsv);
    get(r, "/collections/{id}/feed.atom", collections::feed);
    r.post("/collections/{id}/{action}", collections::change);
    get(r, "/account/data.json", collections::data);
    r.post("/account/delete", collections::eraseAccount);
    get(r, "/health", this::health);
    get(r, "/metrics", this::metrics);
    get(r, "/ping", ctx -> ctx.result("pong")); // the trivial route the HTTP benchmark compares against
    r.after(this::stopTimer);
    r.exception(Refusal.class, refusals::refuse);
    r.exception(Exception.class, (e, ctx) -> {
      if (DiskFull.refusalFor(e).orElse(null) instanceof Refusal full) {
        // a bad day, not a bug: one line for the operator, who can act on it; the visitor learns
        // that nothing was saved and that trying again later makes sense
        LOG.error("{} {} not saved: {}", ctx.method(), ctx.path(), full.getMessage());
        ctx.header("Retry-After", Long.toString(DISK_FULL_RETRY.toSeconds()));
        refusals.answer(ctx, 503, "the server's disk is full, so this was not saved; please try again later");
        return;
      }
      if (StoreAway.refusalFor(e).orElse(null) instanceof Refusal away) {
        // every request fails alike while it lasts: one line every ten seconds, with how many
        storeAwayRefused.incrementAndGet();
        long now = System.nanoTime();
        long last = storeAwayLoggedAt.get();
        if (now - last > STORE_AWAY_LOG_EVERY.toNanos() && storeAwayLoggedAt.compareAndSet(last, now)) {
          LOG.error("{} request(s) answered 503: {}", storeAwayRefused.getAndSet(0), away.getMessage());
        }
        ctx.header("Retry-After", Long.toString(STORE_AWAY_RETRY.toSeconds()));
        refusals.answerWithoutStore(ctx, 503, "the site cannot reach its store right now; please try again in a moment");
        return;
      }
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      ctx.attribute("pb.failed", Boolean.TRUE);
      String message = "something went wrong on the server; it has been logged";
      if (ctx.path().startsWith("/api/")) ApiHandlers.error(ctx, 500, message);
      else ctx.status(500).contentType("text/plain; charset=utf-8").result(message);
    });
    // A URL no route matches: the same 404 page (or JSON) as a paper that is not there.
    r.error(404, ctx -> {
      if (ctx.attribute("pb.failed") == null) refusals.refuse(Refusal.notFound("nothing at " + ctx.path()), ctx);
    });
  }

  /** A GET route, which HEAD answers too: the same status and headers, the body left out by the server. */
  private static void get(io.javalin.config.RoutesConfig r, String path, io.javalin.http.Handler handler) {
    r.get(path, handler);
    r.head(path, handler);
  }

  /** A signed-in member's pages are theirs alone: no shared cache may keep them. */
  private static void privateWhenSignedIn(Context ctx) {
    if (Sessions.present(ctx)) ctx.header("Cache-Control", "private, no-cache");
  }

  /** Where members reach this server, for links in mails: the configured address, else this machine. */
  String publicUrl() {
    if (publicUrl != null) return publicUrl.toString().replaceAll("/+$", "");
    return "http://localhost:" + port();
  }

  /** {@code /metrics} answers only requests bearing {@code token} (null: anyone who reaches the server). */
  public WebServer restrictMetrics(String token) {
    this.metricsToken = token;
    return this;
  }

  private void metrics(Context ctx) {
    if (metricsToken != null) {
      String given = String.valueOf(ctx.header("Authorization"));
      boolean allowed = java.security.MessageDigest.isEqual(("Bearer " + metricsToken).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (!allowed) {
        ctx.header("WWW-Authenticate", "Bearer");
        throw Refusal.forbidden("/metrics needs 'Authorization: Bearer' with the token serve was given (--metrics-token)");
      }
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  /** The routes answered, as "METHOD /path" with path parameters as {name} (HEAD twins left out): what the API contract test covers. */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod() && !e.method.equals(io.javalin.http.HandlerType.HEAD))
        .map(e -> e.method.name() + " " + e.path.replaceAll("<([^>]+)>", "{$1}")).distinct().toList();
  }

  /** The data directory whose disk /health watches (the search index and an SQLite store live there). */
  public WebServer watchingDisk(java.nio.file.Path dataDir) {
    this.dataDir = dataDir;
    return this;
  }

  /** Something to close with the server (the connection to arXiv submissions use). */
  public WebServer alsoClose(AutoCloseable resource) {
    owned.add(resource);
    return this;
  }

  /** The schedule's status, asked of the store at most every 10 s (health checks come every second). */
  private List<org.paperboy.schedule.ScheduleStatus> recentScheduleStatus() {
    long now = System.nanoTime();
    List<org.paperboy.schedule.ScheduleStatus> known = scheduleStatus;
    if (known == null || now - scheduleStatusAt > 10_000_000_000L) {
      known = schedules.get();
      scheduleStatus = known;
      scheduleStatusAt = now;
    }
    return known;
  }

  /** "degraded" while a scheduled job keeps failing (it is being retried) or the disk is full; still 200: the site itself serves. */
  private void health(Context ctx) {
    var node = ApiHandlers.JSON.createObjectNode();
    List<org.paperboy.schedule.ScheduleStatus> jobs = recentScheduleStatus();
    // a full disk refuses every write while pages are still served: degraded, saying why
    boolean diskFull = dataDir != null && DiskFull.at(dataDir);
    node.put("status", jobs.stream().allMatch(org.paperboy.schedule.ScheduleStatus::healthy) && !diskFull ? "ok" : "degraded");
    node.put("disk", diskFull ? "full" : "ok");
    node.set("schedules", ScheduleJson.of(jobs));
    // answered from the index, not the store: a proxy asks every second, and a busy connection pool
    // must not make a working node look dead (measured: checks that queued for the store timed out)
    VectorCoverage c = searchService.coverage();
    node.put("papers", c.papers());
    var v = node.putObject("vectors");
    v.put("indexed", c.papers());
    v.put("withVector", c.withVector());
    v.put("static", c.staticOnly());
    v.put("title", c.title());
    v.put("full", c.full());
    v.put("share", Math.round(c.share() * 10_000) / 10_000.0);
    v.put("papersPerSecond", Math.round(c.perSecond() * 10) / 10.0);
    v.put("fullPerSecond", Math.round(c.fullPerSecond() * 10) / 10.0);
    c.untilEveryPaper().ifPresent(d -> v.put("everyPaperInSeconds", d.toSeconds()));
    c.untilFull().ifPresent(d -> v.put("allFullInSeconds", d.toSeconds()));
    ApiHandlers.json(ctx, node);
  }

  /**
   * Another process (a node of the cluster, a command) wrote to the store: cached pages and dates are
   * checked against it on the next request instead of within a second.
   */
  public void storeChanged() {
    freshness.stale();
  }

  /** Requests answered so far, not counting /health and /metrics (monitoring is not a visitor). */
  public long pagesServed() {
    return pagesServed.get();
  }

  /** Vector coverage as Prometheus gauges, read from the index on each scrape. */
  private void registerVectorGauges() {
    java.util.function.Supplier<VectorCoverage> c = searchService::coverage;
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.papers", () -> c.get().staticOnly())
        .tag("tier", "static").description("papers whose best vector is the static one (averaged token vectors)").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.papers", () -> c.get().title())
        .tag("tier", "title").description("papers whose best vector is the quick (title) one").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.papers", () -> c.get().full())
        .tag("tier", "full").description("papers with their full-text vector").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.index.papers", () -> c.get().papers())
        .description("papers in the search index").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.rate", () -> c.get().perSecond())
        .description("papers gaining their first vector per second, lately").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.full.rate", () -> c.get().fullPerSecond())
        .description("papers gaining their full-text vector per second, lately").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.eta.seconds",
            () -> c.get().untilEveryPaper().map(java.time.Duration::toSeconds).orElse(0L))
        .description("seconds until every paper has a vector, at the recent rate (0: done or not moving)").register(metrics);
    io.micrometer.core.instrument.Gauge.builder("paperboy.vectors.full.eta.seconds",
            () -> c.get().untilFull().map(java.time.Duration::toSeconds).orElse(0L))
        .description("seconds until every paper has its full-text vector, at the recent rate").register(metrics);
  }

  private void startTimer(Context ctx) {
    ctx.attribute("pb.start", System.nanoTime());
  }

  /** One timer per route pattern (not per URL), so the metric's cardinality stays small. */
  private void stopTimer(Context ctx) {
    Long start = ctx.attribute("pb.start");
    if (start == null) return;
    var matched = ctx.endpoints().matchedHttpEndpoint();
    String route = matched == null ? "unmatched" : matched.path;
    if (!route.equals("/health") && !route.equals("/metrics")) pagesServed.incrementAndGet();
    Timer.builder("http.server.requests").tag("route", route).tag("status", Integer.toString(ctx.statusCode()))
        .register(metrics).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    if (app != null) app.stop();
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", c, e);
      }
    }
  }

  private static byte[] resource(String path) {
    try (InputStream in = Objects.requireNonNull(WebServer.class.getResourceAsStream(path), path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
