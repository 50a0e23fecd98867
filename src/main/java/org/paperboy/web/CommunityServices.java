package org.paperboy.web;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.paperboy.community.Accounts;
import org.paperboy.community.AuditLog;
import org.paperboy.community.Comments;
import org.paperboy.community.SignIn;
import org.paperboy.community.Submissions;
import org.paperboy.community.Votes;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;

/**
 * The community features the web serves, handed over by whoever wires them ({@code Paperboy}).
 *
 * @param csrfKey signs CSRF tokens (a key of its own, so a CSRF token is never a session)
 * @param fetchPaper fetches a paper missing from the store from arXiv and stores it
 * @param publicUrl the address members reach this server at, for links in mails; null: http://localhost:PORT.
 *     Never taken from the request's Host header, which a stranger could set to send a member's link elsewhere.
 * @param behindProxy whether a reverse proxy in front says who the client is (X-Forwarded-For), see {@link ClientAddress}
 * @param schedules each scheduled job's last run, outcome and next run (for /admin and /health)
 */
public record CommunityServices(Accounts accounts, SignIn signIn, Votes votes, Comments comments, Submissions submissions,
    AuditLog audit, byte[] csrfKey, Function<ArxivId, Paper> fetchPaper, URI publicUrl,
    boolean behindProxy, java.util.function.Supplier<List<String>> mailProblems,
    java.util.function.Supplier<List<org.paperboy.schedule.ScheduleStatus>> schedules) {}
