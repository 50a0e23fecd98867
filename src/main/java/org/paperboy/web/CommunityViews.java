package org.paperboy.web;

import java.util.List;
import org.paperboy.community.Account;
import org.paperboy.community.Comments;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Link;

/** What the community templates see; text stays raw, jte escapes it (comment bodies go through CommentHtml). */
public final class CommunityViews {
  private CommunityViews() {}

  /** A short answer: "check your mail", "signed out", … */
  public record MessagePage(Chrome chrome, String heading, String message, Link next) {}

  public record SignInPage(Chrome chrome, String csrf, String email) {}

  /** Following a link only shows this button: mail scanners that prefetch links do not spend the token. */
  public record ConfirmPage(Chrome chrome, String csrf, String token) {}

  public record ProfilePage(Chrome chrome, Account account, List<String> links) {}

  public record SubmitPage(Chrome chrome, long windowDays, boolean curator) {}

  public record AuditRow(String at, String actor, String action, String target, String detail) {}

  /** @param mailProblems suspended digest subscriptions and mails given up on, newest first */
  /** @param schedules each scheduled job's last run, outcome and next run */
  public record AdminPage(Chrome chrome, List<AuditRow> audit, List<String> mailProblems, String vectors,
      List<org.paperboy.schedule.ScheduleStatus> schedules) {}

  /** The comments under a paper; {@code visitor} null for anonymous visitors. */
  public record Discussion(String paperId, List<Comments.Thread> threads, Visitor visitor, int maxLength) {
    public boolean mine(Comments.Comment c) {
      return visitor != null && c.visible() && c.authorId() == visitor.account().id();
    }

    public boolean canHide(Comments.Comment c) {
      return visitor != null && visitor.curator() && !c.deleted();
    }
  }
}
