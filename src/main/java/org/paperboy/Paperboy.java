package org.paperboy;

import java.net.URI;
import java.time.Clock;
import org.paperboy.community.Accounts;
import org.paperboy.community.AuditLog;
import org.paperboy.community.Comments;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.Votes;
import org.paperboy.db.AppSecrets;
import org.paperboy.db.Database;
import org.paperboy.digest.DigestComposer;
import org.paperboy.digest.DigestRunner;
import org.paperboy.digest.SearchInterestMatcher;
import org.paperboy.digest.Subscriptions;
import org.paperboy.ingest.ArxivApiClient;
import org.paperboy.ingest.DailyPapersHarvester;
import org.paperboy.ingest.HarvestCheckpoints;
import org.paperboy.ingest.OaiPmhHarvester;
import org.paperboy.ingest.PoliteHttp;
import org.paperboy.ingest.Politeness;
import org.paperboy.ingest.SnapshotImporter;
import org.paperboy.mail.LogTransport;
import org.paperboy.mail.MailTransport;
import org.paperboy.mail.Outbox;
import org.paperboy.mail.OutboxSender;
import org.paperboy.mail.QueuedMail;
import org.paperboy.mail.SmtpTransport;
import org.paperboy.paper.PaperStore;
import org.paperboy.personal.CollectionTransfer;
import org.paperboy.personal.Dismissals;
import org.paperboy.personal.PersonalData;
import org.paperboy.personal.FollowMatcher;
import org.paperboy.personal.Follows;
import org.paperboy.personal.ForYou;
import org.paperboy.personal.ForYouFeeds;
import org.paperboy.personal.ForYouRanking;
import org.paperboy.personal.PaperCollections;
import org.paperboy.personal.PersonalVersions;
import org.paperboy.search.EmbeddingModel;
import org.paperboy.search.EmbeddingStore;
import org.paperboy.search.Pacer;
import org.paperboy.search.SearchService;
import org.paperboy.search.StaticVectors;
import org.paperboy.search.VectorBackfill;
import org.paperboy.search.VectorClaims;
import org.paperboy.support.PrivateFiles;
import org.paperboy.support.RateLimiter;
import org.paperboy.support.Signer;
import org.paperboy.trending.ActivityCounts;
import org.paperboy.trending.DailyFeedImporter;
import org.paperboy.trending.DailyList;
import org.paperboy.trending.TrendingRanking;
import org.paperboy.web.WebServer;

/** The one place that builds everything: config → store → features. The CLI and web call what this holds. */
public final class Paperboy implements AutoCloseable {
  private final Config config;
  private final Clock clock;
  private final Database database;
  private final PaperStore papers;
  private final SnapshotImporter snapshotImporter;
  private final DailyList dailyList;
  private final DailyFeedImporter dailyFeedImporter;
  private final TrendingRanking trending;
  private final Outbox outbox;
  private final AppSecrets secrets;
  private final RateLimiter rateLimiter;
  private final AuditLog auditLog;
  private final Accounts accounts;
  private final SignIn signIn;
  private final Votes votes;
  private final Comments comments;
  private final Submissions submissions;
  private final Subscriptions subscriptions;
  private final DigestRunner digests;
  private final HarvestCheckpoints harvestCheckpoints;
  private final SearchService search;
  private final org.paperboy.code.CodeLinks codeLinks;
  private final org.paperboy.code.GithubStars githubStars;
  private final org.paperboy.code.LinkedCode linkedCode;
  private final PersonalVersions personalVersions;
  private final PaperCollections collections;
  private final Follows follows;
  private final ForYouFeeds forYouFeeds;
  private final Dismissals dismissals;
  private final ForYou forYou;
  private final PersonalData personalData;
  private final EmbeddingStore embeddings;

  private Paperboy(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    // keys, addresses and the members' mail live here: the owner's alone, even where an older version left them readable
    PrivateFiles.directory(config.dataDir(), "paperboy.db", "paperboy.db-wal", "paperboy.db-shm", "index", "daily-papers", "cache");
    this.database = Database.open(config.databaseUrl());
    this.papers = new PaperStore(database);
    this.snapshotImporter = new SnapshotImporter(papers);
    this.outbox = new Outbox(database, clock, config.mail().from());
    this.secrets = new AppSecrets(database);
    this.rateLimiter = RateLimiter.forStore(database, clock);
    this.auditLog = new AuditLog(database, clock);
    this.accounts = new Accounts(database, clock, auditLog);
    this.signIn = new SignIn(database, clock, outbox, accounts, new Signer(secrets.key("session")), rateLimiter);
    this.votes = new Votes(database, clock, rateLimiter);
    this.comments = new Comments(database, clock, rateLimiter, auditLog);
    this.dailyList = new DailyList(database, papers, activityCounts(votes, comments));
    this.codeLinks = new org.paperboy.code.CodeLinks(database, papers);
    this.githubStars = new org.paperboy.code.GithubStars(database);
    this.linkedCode = new org.paperboy.code.LinkedCode(codeLinks, githubStars, clock);
    // what a daily-papers feed says about a paper's code is kept with the listing
    this.dailyFeedImporter = new DailyFeedImporter(database, papers,
        (h, row) -> codeLinks.recordFromFeed(h, row.arxivId(), row.githubRepo(), row.projectPage()));
    // the "why" line mentions recent GitHub star growth; the score stays the documented formula
    this.trending = new TrendingRanking(dailyList, clock, linkedCode::starGrowth);
    this.submissions = new Submissions(dailyList, clock, rateLimiter, auditLog, config.serve().submissionWindow());
    this.subscriptions = new Subscriptions(database, clock, outbox, new Signer(secrets.key("links")), rateLimiter);

    this.harvestCheckpoints = new HarvestCheckpoints(database);
    this.embeddings = new EmbeddingStore(database);
    this.search = new SearchService(papers, embeddings, config.dataDir().resolve("index"),
        EmbeddingModel.fromEnvironment());

    this.personalVersions = new PersonalVersions(database);
    this.collections = new PaperCollections(database, clock, personalVersions);
    Signer feedSigner = new Signer(secrets.key("feeds"));
    this.follows = new Follows(database, clock, personalVersions, feedSigner);
    this.forYouFeeds = new ForYouFeeds(database, feedSigner);
    this.dismissals = new Dismissals(database, clock, personalVersions);
    this.forYou = new ForYou(papers, embeddings, search.model(), collections, follows, dismissals,
        personalVersions, votes::papersVotedBy, new FollowMatcher(search), new ForYouRanking(ForYouRanking.Weights.DEFAULT),
        clock, ForYou.DEFAULT_DAYS);
    // A subscriber's free-text interest is matched by meaning, with the site's own search; a member's
    // "for you" digest takes their personal ranking.
    this.digests = new DigestRunner(database, subscriptions, new DigestComposer(new SearchInterestMatcher(search),
        this::personalPicks), trending, outbox, config.baseUrl(), clock);
    // Each feature answers for its own part of a member's data; personal collects them and erases in order.
    this.personalData = new PersonalData(database, collections, follows, dismissals, java.util.Map.of(
        "account", id -> accounts.find(id).map(a -> java.util.Map.of("email", a.email(), "displayName", a.displayName(),
            "role", a.role().dbValue(), "affiliation", String.valueOf(a.affiliation()), "links", String.valueOf(a.links())))
            .orElse(null),
        "upvotes", id -> votes.papersVotedBy(id).stream().map(org.paperboy.paper.ArxivId::value).toList(),
        "comments", id -> comments.by(id),
        "digest", id -> accounts.find(id).flatMap(a -> subscriptions.findByEmail(a.email())).map(d -> java.util.Map.of(
            "email", d.email(), "frequency", d.frequency().name(), "weekday", d.weekday().name(),
            "hour", d.sendHour(), "timeZone", d.timeZone().getId(), "topics", d.topics().toString(),
            "status", d.status().name())).orElse(null)),
        java.util.List.of(
            id -> accounts.find(id).ifPresent(a -> subscriptions.forget(a.email())),
            accounts::erase,
            forYou::forget));
  }

  /** The personal ranking of the member behind a subscription (by its account, else its address). */
  private java.util.List<org.paperboy.digest.PersonalPicks.Pick> personalPicks(org.paperboy.digest.Subscription s,
      int limit) {
    java.util.Optional<Long> account = s.accountId() != null ? java.util.Optional.of(s.accountId())
        : accounts.findByEmail(s.email()).map(org.paperboy.community.Account::id);
    return account.map(id -> forYou.feed(id, 0, limit).items().stream()
        .map(i -> new org.paperboy.digest.PersonalPicks.Pick(i.paper(), i.why())).toList()).orElse(java.util.List.of());
  }

  /** The community's votes and comments as the daily lists count them, on top of the imported baselines. */
  private static ActivityCounts activityCounts(Votes votes, Comments comments) {
    return new ActivityCounts() {
      @Override
      public java.util.Map<String, Long> upvotes(java.util.Collection<org.paperboy.paper.ArxivId> papers) {
        return votes.counts(papers);
      }

      @Override
      public java.util.Map<String, Long> comments(java.util.Collection<org.paperboy.paper.ArxivId> papers) {
        return comments.counts(papers);
      }

      @Override
      public String version() {
        return votes.version() + "/" + comments.version();
      }
    };
  }

  public static Paperboy open(Config config) {
    return new Paperboy(config, Clock.systemUTC());
  }

  public static Paperboy open(Config config, Clock clock) {
    return new Paperboy(config, clock);
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  public PaperStore papers() {
    return papers;
  }

  public SnapshotImporter snapshotImporter() {
    return snapshotImporter;
  }

  public AppSecrets secrets() {
    return secrets;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  public Accounts accounts() {
    return accounts;
  }

  public SignIn signIn() {
    return signIn;
  }

  public Votes votes() {
    return votes;
  }

  public Comments comments() {
    return comments;
  }

  public Submissions submissions() {
    return submissions;
  }

  public DailyList dailyList() {
    return dailyList;
  }

  public DailyFeedImporter dailyFeedImporter() {
    return dailyFeedImporter;
  }

  public TrendingRanking trending() {
    return trending;
  }

  /** A web server over this instance's features, as {@link Config#serve()} says; the caller starts and closes it. */
  public WebServer webServer() {
    return webServer(java.util.List::of);
  }

  /** As {@link #webServer()}, showing on /admin and /health what the persistent schedule did and will do. */
  public WebServer webServer(java.util.function.Supplier<java.util.List<org.paperboy.schedule.ScheduleStatus>> schedules) {
    // a member waits for the page: one short attempt, and no long queue behind other members' fetches
    return webServer(Politeness.arxiv().forVisitors(), schedules);
  }

  /** As {@link #webServer()}, talking to {@code Config.serve().arxivApi()} as politely as {@code politeness} says. */
  public WebServer webServer(Politeness politeness) {
    return webServer(politeness, java.util.List::of);
  }

  /** @param schedules what the persistent schedule did and will do, for /admin and /health */
  public WebServer webServer(Politeness politeness,
      java.util.function.Supplier<java.util.List<org.paperboy.schedule.ScheduleStatus>> schedules) {
    PoliteHttp http = arxivHttp(politeness);
    ArxivApiClient api = arxivApi(http, config.serve().arxivApi());
    java.util.function.Function<org.paperboy.paper.ArxivId, org.paperboy.paper.Paper> fetch = id -> {
      papers.upsert(java.util.List.of(api.fetch(id)));
      return papers.find(id).orElseThrow();
    };
    var services = new org.paperboy.web.CommunityServices(accounts, signIn, votes, comments, submissions, auditLog,
        secrets.key("csrf"), fetch, config.publicUrl(), config.serve().behindProxy(), this::mailProblems, schedules);
    return new WebServer(papers, dailyList, trending, search, clock, services,
        new org.paperboy.web.DigestServices(subscriptions, digests, clock),
        new org.paperboy.web.PersonalServices(collections, new CollectionTransfer(collections, papers, ids -> {
          var found = api.fetchFound(ids);
          papers.upsert(java.util.List.copyOf(found.values()));
          return found;
        }), follows, dismissals,
            forYou, forYouFeeds, personalData), linkedCode).alsoClose(http)
        .restrictMetrics(config.serve().metricsToken()).watchingDisk(config.dataDir());
  }

  /** For admins: digest subscriptions suspended after repeated bounces, then mails given up on. */
  public java.util.List<String> mailProblems() {
    java.util.List<String> problems = new java.util.ArrayList<>();
    subscriptions.suspended().forEach(s -> problems.add("digest subscription of " + s.email() + " suspended after "
        + s.permanentFailures() + " permanent delivery failures"));
    outbox.failures(20).forEach(f -> problems.add("mail given up: " + f));
    return problems;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  public DigestRunner digests() {
    return digests;
  }

  public Outbox outbox() {
    return outbox;
  }

  /**
   * A sender for the outbox over SMTP, or to the log when no SMTP server is configured.
   *
   * @param onGivenUp told about each mail given up on
   */
  public OutboxSender newOutboxSender(java.util.function.Consumer<QueuedMail> onGivenUp) {
    MailTransport transport = config.mail().smtpConfigured() ? new SmtpTransport(config.mail()) : new LogTransport();
    // A digest given up on counts against its subscription (suspended after repeated bounces).
    return new OutboxSender(outbox, transport, config.mail(), mail -> {
      digests.onMailGivenUp(mail.mail().dedupeKey());
      onGivenUp.accept(mail);
    });
  }

  public HarvestCheckpoints harvestCheckpoints() {
    return harvestCheckpoints;
  }

  /**
   * Everything that runs by itself while serving, on one persistent, cluster-safe schedule: the
   * digests, and the harvests {@code harvest} asks for. The caller starts and closes it.
   *
   * @param afterDigests told after a digest run queued mail (to wake the outbox sender)
   */
  public org.paperboy.schedule.Schedules schedules(org.paperboy.ingest.HarvestJobs.Settings harvest,
      org.paperboy.schedule.Schedules.Settings settings, Runnable afterDigests) {
    java.util.List<org.paperboy.schedule.Job> jobs = new java.util.ArrayList<>();
    jobs.add(org.paperboy.digest.DigestSchedule.job(digests, clock, org.paperboy.digest.DigestSchedule.EVERY, afterDigests));
    jobs.addAll(org.paperboy.ingest.HarvestJobs.jobs(harvest, papers, harvestCheckpoints, dailyFeedImporter,
        dailyList::latestDay, config.dataDir().resolve("daily-papers"), clock));
    return new org.paperboy.schedule.Schedules(database, clock, jobs, settings);
  }

  /** A connection to arXiv; the caller closes it. {@link Politeness#arxiv()} unless a test says otherwise. */
  public PoliteHttp arxivHttp(Politeness politeness) {
    return new PoliteHttp(politeness, clock);
  }

  public OaiPmhHarvester harvester(PoliteHttp http) {
    return new OaiPmhHarvester(papers, harvestCheckpoints, http, clock);
  }

  /** Mirrors a daily-papers API day by day, keeping each day's answer under {@code DATA/daily-papers}. */
  public DailyPapersHarvester dailyPapersHarvester(PoliteHttp http) {
    return new DailyPapersHarvester(http, dailyFeedImporter, config.dataDir().resolve("daily-papers"));
  }

  public ArxivApiClient arxivApi(PoliteHttp http, URI endpoint) {
    return new ArxivApiClient(http, endpoint);
  }

  public SearchService search() {
    return search;
  }

  public org.paperboy.code.CodeLinks codeLinks() {
    return codeLinks;
  }

  public org.paperboy.code.GithubStars githubStars() {
    return githubStars;
  }

  public org.paperboy.code.LinkedCode linkedCode() {
    return linkedCode;
  }

  public PaperCollections collections() {
    return collections;
  }

  public ForYouFeeds forYouFeeds() {
    return forYouFeeds;
  }

  public Follows follows() {
    return follows;
  }

  public Dismissals dismissals() {
    return dismissals;
  }

  public ForYou forYou() {
    return forYou;
  }

  /**
   * Fills in missing vectors (the {@code embed} command, and {@code serve} in the background): papers
   * trending this week first, then every paper on a daily list (the latest listed first), then the
   * newest announcement day first.
   */
  public VectorBackfill vectorBackfill() {
    return vectorBackfill(search.model());
  }

  /** The same with another model than the one search uses (the embedding benchmark compares models). */
  public VectorBackfill vectorBackfill(EmbeddingModel model) {
    return new VectorBackfill(papers, embeddings, new VectorClaims(database, clock), model, this::embedFirst, clock)
        .withStaticTable(StaticVectors.file(config.dataDir(), model));
  }

  private java.util.List<org.paperboy.paper.ArxivId> embedFirst() {
    java.util.List<org.paperboy.paper.ArxivId> first = new java.util.ArrayList<>();
    trending.rank(TrendingRanking.Window.WEEK, 100).entries().forEach(r -> first.add(r.entry().paper().id()));
    first.addAll(dailyList.papersLatestListedFirst());
    return first;
  }

  /**
   * Static vectors for papers that lack any vector (papers just harvested), when the model's token table
   * was built here before (by {@code serve} or {@code embed}); a harvest never builds it. Empty otherwise.
   */
  public java.util.Optional<VectorBackfill.Summary> staticVectorsForNewPapers() {
    if (!java.nio.file.Files.exists(StaticVectors.file(config.dataDir(), search.model()))) return java.util.Optional.empty();
    return java.util.Optional.of(vectorBackfill().run(java.util.List.of(org.paperboy.search.VectorTier.STATIC), 1, false, () -> false)
        .getFirst());
  }

  /**
   * Keeps vectors coming in the background of a running server, at a share of the CPU while pages are
   * served ({@code pagesServed} counts them). Close it to stop; it returns once the running batches are
   * written. {@code threads} 0 leaves embedding to {@code embed} workers.
   */
  public AutoCloseable backgroundEmbedding(int threads, java.util.function.LongSupplier pagesServed) {
    if (threads <= 0) return () -> {};
    return vectorBackfill().startInBackground(threads, new Pacer(pagesServed, BACKGROUND_SHARE));
  }

  /** The share of a core background embedding may take while pages are served: see the README's figures. */
  static final double BACKGROUND_SHARE = 0.5;

  @Override
  public void close() {
    search.close();
    database.close();
  }
}
