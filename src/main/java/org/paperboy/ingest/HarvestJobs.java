package org.paperboy.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.paperboy.paper.PaperStore;
import org.paperboy.schedule.Cadence;
import org.paperboy.schedule.Job;
import org.paperboy.support.Refusal;
import org.paperboy.trending.DailyFeedImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harvests {@code serve} runs by itself: arXiv's OAI-PMH after every announcement (see
 * {@link AnnouncementCalendar}), and optionally a daily-papers JSON API every so often. Each run
 * continues from its checkpoint, so a late or repeated run loses and doubles nothing.
 */
public final class HarvestJobs {
  public static final String ARXIV = "arxiv-harvest";
  public static final String DAILY_PAPERS = "daily-papers-mirror";
  private static final Logger LOG = LoggerFactory.getLogger(HarvestJobs.class);

  /**
   * What to harvest on a schedule.
   *
   * @param arxivSets OAI sets such as {@code cs:cs:AI}; empty: no arXiv harvest
   * @param dailyPapersMirror a daily-papers JSON API to mirror; null: none
   * @param mirrorEvery how often the mirror runs
   */
  public record Settings(List<String> arxivSets, URI oaiEndpoint, URI dailyPapersMirror, Duration mirrorEvery,
      AnnouncementCalendar calendar, Politeness politeness) {
    public static final Duration DEFAULT_MIRROR_EVERY = Duration.ofHours(1);

    public Settings {
      arxivSets = List.copyOf(arxivSets);
      if (oaiEndpoint == null) oaiEndpoint = OaiPmhHarvester.ARXIV_ENDPOINT;
      if (mirrorEvery == null) mirrorEvery = DEFAULT_MIRROR_EVERY;
      if (calendar == null) calendar = AnnouncementCalendar.arxiv();
      if (politeness == null) politeness = Politeness.arxiv();
      for (String set : arxivSets) {
        if (set.isBlank()) throw Refusal.badInput("--harvest-set must name an OAI set such as cs:cs:AI, not ''");
      }
    }

    private static final Settings NONE = new Settings(List.of(), null, null, null, null, null);

    public static Settings none() {
      return NONE;
    }
  }

  private HarvestJobs() {}

  /**
   * The jobs the settings ask for.
   *
   * @param latestListedDay where a mirror never run before starts (the latest day already listed)
   * @param daysDir where the mirror keeps each day's answer
   */
  public static List<Job> jobs(Settings settings, PaperStore papers, HarvestCheckpoints checkpoints,
      DailyFeedImporter importer, Supplier<Optional<LocalDate>> latestListedDay, Path daysDir, Clock clock) {
    List<Job> jobs = new ArrayList<>();
    if (!settings.arxivSets().isEmpty()) {
      AnnouncementCalendar calendar = settings.calendar();
      Cadence afterAnnouncements = Cadence.of(calendar::nextHarvest,
          "after each arXiv announcement: Sunday–Thursday 22:45 America/New_York, holidays excepted");
      OaiPmhHarvester.Request request = new OaiPmhHarvester.Request(settings.oaiEndpoint(), "arXivRaw",
          settings.arxivSets(), null);
      jobs.add(new Job(ARXIV, afterAnnouncements, () -> {
        try (PoliteHttp http = new PoliteHttp(settings.politeness(), clock)) {
          OaiPmhHarvester.Summary s = new OaiPmhHarvester(papers, checkpoints, http, clock, calendar).harvest(request, false);
          return String.join(", ", settings.arxivSets()) + ": " + s;
        }
      }));
    }
    if (settings.dailyPapersMirror() != null) {
      URI api = settings.dailyPapersMirror();
      jobs.add(new Job(DAILY_PAPERS, Cadence.every(settings.mirrorEvery()), () -> {
        try (PoliteHttp http = new PoliteHttp(settings.politeness(), clock)) {
          LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
          DailyPapersHarvester.Summary s = new DailyPapersHarvester(http, importer, daysDir)
              .harvestSinceLastRun(api, latestListedDay.get().orElse(today), today, checkpoints, clock,
                  r -> LOG.warn("mirror of {}: rejected {}", api, r));
          return api + ": " + s;
        }
      }));
    }
    return jobs;
  }
}
