package org.paperboy.web;

import io.javalin.http.Context;
import java.util.Collection;
import org.paperboy.community.Votes;
import org.paperboy.paper.ArxivId;
import org.paperboy.personal.PaperCollections;

/** Builds the {@link Visitor} a page shows: null for anonymous visitors, whose pages stay impersonal. */
final class Visitors {
  private final Sessions sessions;
  private final Csrf csrf;
  private final Votes votes;
  private final PaperCollections collections;

  Visitors(Sessions sessions, Csrf csrf, Votes votes, PaperCollections collections) {
    this.sessions = sessions;
    this.csrf = csrf;
    this.votes = votes;
    this.collections = collections;
  }

  /** @param papers the papers on the page, to mark the ones this member has upvoted and saved */
  Visitor of(Context ctx, Collection<ArxivId> papers) {
    return sessions.account(ctx)
        .map(a -> new Visitor(a, csrf.token(ctx), votes.votedBy(a, papers), collections.savedAmong(a.id(), papers)))
        .orElse(null);
  }
}
