package org.paperboy.code;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A paper's links, in the order its text and feeds gave them, and the ones pages and the API single out.
 *
 * @param stars its GitHub repository's stars and recent growth, null when not tracked
 */
public record PaperCode(List<CodeLink> links, GithubStars.Stars stars) {
  public static final PaperCode NONE = new PaperCode(List.of());

  public PaperCode {
    links = List.copyOf(links);
  }

  public PaperCode(List<CodeLink> links) {
    this(links, null);
  }

  public PaperCode withStars(GithubStars.Stars counts) {
    return new PaperCode(links, counts);
  }

  /** The first GitHub repository: the API's {@code githubRepo}. */
  public Optional<CodeLink> githubRepo() {
    return first(CodeLink.Kind.GITHUB);
  }

  /** The first project page: the API's {@code projectPage}. */
  public Optional<CodeLink> projectPage() {
    return first(CodeLink.Kind.PROJECT);
  }

  /** Where the "Code" button goes: the first GitHub repository, else the first other code link. */
  public Optional<CodeLink> code() {
    return githubRepo().or(() -> links.stream().filter(l -> l.kind().isCode()).findFirst());
  }

  /** {@code owner/repo} of {@link #githubRepo()}, lower-cased: the key of its star history. */
  public Optional<String> githubKey() {
    return githubRepo().map(l -> l.repo().toLowerCase(Locale.ROOT));
  }

  private Optional<CodeLink> first(CodeLink.Kind kind) {
    return links.stream().filter(l -> l.kind() == kind).findFirst();
  }
}
