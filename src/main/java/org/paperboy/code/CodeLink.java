package org.paperboy.code;

import java.util.Locale;
import java.util.Objects;

/**
 * One link from a paper to its code, models, data or project page.
 *
 * @param url normalised: {@code https://github.com/owner/repo} without a trailing slash, {@code .git} or sub-path
 * @param repo {@code owner/repo} for GitHub, GitLab and Hugging Face (GitLab may nest groups); null for other kinds
 */
public record CodeLink(Kind kind, String url, String repo) {
  /** What the link points to; {@link #isCode()} says which count as code for the "Code" button. */
  public enum Kind {
    GITHUB("GitHub"),
    GITLAB("GitLab"),
    HF_SPACE("Hugging Face Space"),
    HF_MODEL("Hugging Face model"),
    HF_DATASET("Hugging Face dataset"),
    CODE("code"),
    PROJECT("project page");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The name stored in the database and shown in JSON: {@code github}, {@code hf-space}, … */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind ofKey(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public boolean isCode() {
      return this != PROJECT;
    }
  }

  public CodeLink {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(url, "url");
  }
}
