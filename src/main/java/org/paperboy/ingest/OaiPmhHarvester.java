package org.paperboy.ingest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.paperboy.paper.Paper;
import org.paperboy.paper.PaperStore;
import org.paperboy.paper.PaperStore.UpsertCounts;
import org.paperboy.support.Progress;
import org.paperboy.support.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvests arXiv's OAI-PMH interface with ListRecords, page by page through resumption tokens.
 * Each page's papers are committed together with the harvest's checkpoint, so a run killed at any
 * moment resumes at the first page it had not committed. A finished run remembers the day of its
 * first response as the next run's {@code from}; {@code until} is never sent, because arXiv's
 * datestamps are last-modified times and anything changed during a run must be seen by the next.
 */
public final class OaiPmhHarvester {
  public static final String ENDPOINT = "https://oaipmh.arxiv.org/oai";
  public static final URI ARXIV_ENDPOINT = URI.create(ENDPOINT);
  private static final Logger LOG = LoggerFactory.getLogger(OaiPmhHarvester.class);
  // Tokens expire daily; restarting a set more often than this in one run means something else is wrong.
  private static final int MAX_RESTARTS = 3;

  private final PaperStore store;
  private final HarvestCheckpoints checkpoints;
  private final PoliteHttp http;
  private final Clock clock;
  private final AnnouncementCalendar calendar;

  public OaiPmhHarvester(PaperStore store, HarvestCheckpoints checkpoints, PoliteHttp http, Clock clock) {
    this(store, checkpoints, http, clock, AnnouncementCalendar.arxiv());
  }

  /** @param calendar dates a harvested paper's announcement from its first version's submission time */
  public OaiPmhHarvester(PaperStore store, HarvestCheckpoints checkpoints, PoliteHttp http, Clock clock,
      AnnouncementCalendar calendar) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.http = http;
    this.clock = clock;
    this.calendar = calendar;
  }

  /**
   * What to harvest.
   *
   * @param format {@code arXivRaw} or {@code arXiv}
   * @param sets harvested one after another, each with its own checkpoint; empty means the whole repository
   * @param from overrides the incremental start; null means "where the last run left off"
   */
  public record Request(URI endpoint, String format, List<String> sets, LocalDate from) {
    public Request {
      format = OaiMetadata.Format.of(format).prefix;
      sets = List.copyOf(sets);
    }
  }

  /** What a harvest did. */
  public record Summary(long pages, long records, long inserted, long updated, long unchanged, long deleted,
      long rejected) {
    static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0, 0);

    Summary plus(OaiPmhResponse page, UpsertCounts c) {
      return new Summary(pages + 1, records + page.records(), inserted + c.inserted(), updated + c.updated(),
          unchanged + c.unchanged(), deleted + page.deleted(), rejected + page.rejected().size());
    }

    @Override
    public String toString() {
      return String.format("pages %,d, records %,d: inserted %,d, updated %,d, unchanged %,d, deleted %,d, rejected %,d",
          pages, records, inserted, updated, unchanged, deleted, rejected);
    }
  }

  public Summary harvest(Request request, boolean showProgress) {
    Summary summary = Summary.NONE;
    for (String set : request.sets().isEmpty() ? List.of("") : request.sets()) {
      try (Progress progress = new Progress("harvest " + (set.isEmpty() ? "all" : set), -1, () -> 0, showProgress)) {
        summary = harvestSet(request, set, summary, progress);
      }
    }
    return summary;
  }

  private Summary harvestSet(Request request, String set, Summary summary, Progress progress) {
    String endpoint = request.endpoint().toString();
    HarvestCheckpoint saved = checkpoints.find(endpoint, request.format(), set).orElse(null);
    Run run;
    if (saved != null && saved.inProgress() && (request.from() == null || request.from().equals(saved.runFrom()))) {
      LOG.info("resuming the harvest of {} from its checkpoint (page {}, token {})", label(set), saved.pages() + 1,
          saved.resumptionToken());
      run = new Run(saved.runFrom(), saved.resumptionToken(), saved.runResponseDate(), saved.pages(), saved.records());
    } else {
      LocalDate from = request.from() != null ? request.from() : saved == null ? null : saved.nextFrom();
      LOG.info("harvesting {} ({}) from {}", label(set), request.format(), from == null ? "the beginning" : from);
      run = new Run(from, null, null, 0, 0);
    }
    int restarts = 0;
    while (true) {
      URI uri = run.token() == null ? listRecords(request, set, run.from()) : resume(request.endpoint(), run.token());
      OaiPmhResponse page = http.get(uri, (status, body) -> {
        if (status != 200) throw Refusal.unavailable(uri.getHost() + " answered HTTP " + status + " to " + uri);
        return OaiPmhResponse.read(body);
      });
      if (run.started() == null) run = run.startedAt(page.responseDate());
      if (page.error() != null) {
        switch (page.error().code()) {
          case "badResumptionToken" -> {
            if (run.token() == null || ++restarts > MAX_RESTARTS) throw oaiError(page, uri);
            LOG.warn("the resumption token {} was refused ({}); restarting {} from {}", run.token(),
                page.error().message(), label(set), run.from() == null ? "the beginning" : run.from());
            run = run.restart();
            continue;
          }
          case "noRecordsMatch" -> {
            // Nothing changed since `from`: a finished run, not an error.
            HarvestCheckpoint done = run.finished(request, set, clock);
            store.upsert(List.of(), h -> checkpoints.save(h, done));
            return summary;
          }
          default -> throw oaiError(page, uri);
        }
      }
      page.rejected().forEach(reason -> LOG.warn("skipped a record: {}", reason));
      Run next = run.nextPage(page);
      HarvestCheckpoint checkpoint = next.token() == null ? next.finished(request, set, clock) : next.inProgress(request, set, clock);
      UpsertCounts counts = store.upsert(page.papers().stream().map(this::announced).toList(),
          h -> checkpoints.save(h, checkpoint));
      summary = summary.plus(page, counts);
      progress.advance(page.records());
      run = next;
      if (run.token() == null) return summary;
    }
  }

  /**
   * OAI-PMH does not say when a paper was announced; the calendar knows which announcement its first
   * version made, so harvested papers reach the "latest" pages like imported ones.
   */
  private Paper announced(Paper p) {
    if (p.announcedOn() != null || p.firstSubmitted() == null) return p;
    return new Paper(p.id(), p.latestVersion(), p.title(), p.abstractText(), p.authorsLine(), p.authors(), p.categories(),
        p.comments(), p.journalRef(), p.doi(), p.reportNo(), p.license(), p.submitter(), p.versions(), p.firstSubmitted(),
        p.lastUpdated(), calendar.announcementDayOf(p.firstSubmitted()));
  }

  /** The state of one set's run between pages. */
  private record Run(LocalDate from, String token, Instant started, long pages, long records) {
    Run startedAt(Instant responseDate) {
      return new Run(from, token, responseDate, pages, records);
    }

    Run restart() {
      // Keeps the first start: the next incremental run then overlaps, which upserts make harmless.
      return new Run(from, null, started, 0, 0);
    }

    Run nextPage(OaiPmhResponse page) {
      return new Run(from, page.resumptionToken(), started, pages + 1, records + page.records());
    }

    HarvestCheckpoint inProgress(Request r, String set, Clock clock) {
      return new HarvestCheckpoint(r.endpoint().toString(), r.format(), set, from, token, started, null, pages, records,
          clock.instant());
    }

    HarvestCheckpoint finished(Request r, String set, Clock clock) {
      LocalDate next = started == null ? null : LocalDate.ofInstant(started, ZoneOffset.UTC);
      return new HarvestCheckpoint(r.endpoint().toString(), r.format(), set, from, null, started, next, pages, records,
          clock.instant());
    }
  }

  private static Refusal oaiError(OaiPmhResponse page, URI uri) {
    return Refusal.unavailable("OAI-PMH error " + page.error().code() + ": " + page.error().message() + " (request " + uri + ")");
  }

  private static URI listRecords(Request request, String set, LocalDate from) {
    StringBuilder q = new StringBuilder("verb=ListRecords&metadataPrefix=").append(encode(request.format()));
    if (!set.isEmpty()) q.append("&set=").append(encode(set));
    if (from != null) q.append("&from=").append(from);
    return withQuery(request.endpoint(), q.toString());
  }

  private static URI resume(URI endpoint, String token) {
    // resumptionToken is an exclusive argument: nothing but the verb goes with it.
    return withQuery(endpoint, "verb=ListRecords&resumptionToken=" + encode(token));
  }

  private static URI withQuery(URI endpoint, String query) {
    String base = endpoint.toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String label(String set) {
    return set.isEmpty() ? "the whole repository" : "set " + set;
  }
}
