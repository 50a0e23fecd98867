package org.paperboy.web;

import java.util.List;
import org.paperboy.personal.CollectionTransfer;
import org.paperboy.personal.PaperCollection;
import org.paperboy.web.Views.Chrome;
import org.paperboy.web.Views.Entry;

/** What the personal pages' templates see. */
public final class PersonalViews {
  private PersonalViews() {}

  /**
   * @param coldStart nothing kept or followed yet: the page asks for a few papers and shows {@code trending}
   */
  public record ForYouPage(Chrome chrome, List<Entry> entries, boolean coldStart, String window, List<Entry> trending,
      Views.Link next, Views.Link previous, String feedHref) {}

  public record CollectionsPage(Chrome chrome, List<PaperCollection> collections, CollectionTransfer.ImportReport report,
      String reportFor) {}

  /** @param owner whether the visitor owns it (and sees its forms) */
  public record CollectionPage(Chrome chrome, PaperCollection collection, List<Entry> entries, boolean owner,
      String feedHref) {}

  public record FollowView(long id, String kind, String label, String feedHref, boolean inDigest) {}

  public record FollowsPage(Chrome chrome, List<FollowView> follows) {}
}
