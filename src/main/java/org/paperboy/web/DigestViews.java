package org.paperboy.web;

import java.util.List;
import org.paperboy.web.Views.Chrome;

/** Models of the subscription pages. */
public final class DigestViews {
  private DigestViews() {}

  /**
   * The subscribe form, or the manage form of an existing subscription ({@code action} differs).
   *
   * @param timeZone preselected zone; the page's script replaces UTC with the browser's zone
   */
  public record SubscribePage(Chrome chrome, String csrf, String action, String heading, String email, boolean emailFixed,
      String frequency, int weekday, int hour, String timeZone, String categories, String keywords, String interest,
      String excluded, List<String> zones, String unsubscribeAction) {}

  /** A button that POSTs to {@code action}: following a mailed link alone never changes anything. */
  public record ConfirmActionPage(Chrome chrome, String csrf, String heading, String text, String action, String button) {}
}
