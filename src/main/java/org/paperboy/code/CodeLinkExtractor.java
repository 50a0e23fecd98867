package org.paperboy.code;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperboy.code.CodeLink.Kind;

/**
 * Finds the code and project links in a paper's own text (abstract, comments) as arXiv gives it:
 * URLs with or without a scheme, inside LaTeX url commands, followed by sentence punctuation.
 * Links to other papers and publishers, licences and social media are not project pages.
 */
public final class CodeLinkExtractor {
  // A URL runs until whitespace or a character that cannot be in one (LaTeX braces included).
  private static final Pattern URL = Pattern.compile(
      "(?i)(?:https?://|(?<![\\w./@-])(?=(?:www\\.)?(?:github\\.com|gitlab\\.com|huggingface\\.co|hf\\.co)/))"
          + "[^\\s<>\"'{}|\\\\^`\\[\\]]+");
  private static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  private static final Pattern REPO_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Set<String> GITHUB_NOT_OWNERS = Set.of("orgs", "features", "topics", "about", "sponsors",
      "marketplace", "settings", "login", "collections", "explore", "site", "apps", "pricing", "enterprise", "search",
      "trending", "users", "readme", "security", "customer-stories");
  private static final Set<String> HF_NOT_OWNERS = Set.of("papers", "docs", "blog", "models", "spaces", "datasets",
      "collections", "organizations", "settings", "join", "login", "pricing", "learn", "tasks", "chat", "api", "posts",
      "search", "new", "enterprise");
  private static final Set<String> NOT_PROJECT_HOSTS = Set.of("arxiv.org", "doi.org", "dx.doi.org", "creativecommons.org",
      "orcid.org", "twitter.com", "x.com", "linkedin.com", "facebook.com", "scholar.google.com", "openreview.net",
      "aclanthology.org", "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com", "sciencedirect.com",
      "proceedings.neurips.cc", "papers.nips.cc", "jmlr.org", "semanticscholar.org", "paperswithcode.com",
      "wikipedia.org", "youtube.com", "youtu.be", "bit.ly", "aka.ms", "goo.gl", "tinyurl.com", "mathworld.wolfram.com",
      "nature.com", "science.org", "biorxiv.org", "medrxiv.org", "ssrn.com", "researchgate.net", "huggingface.co", "hf.co");
  private static final Set<String> OTHER_CODE_HOSTS = Set.of("bitbucket.org", "codeberg.org", "anonymous.4open.science",
      "sourceforge.net", "gitee.com", "pypi.org", "code.google.com");

  private CodeLinkExtractor() {}

  /** The links in these texts (nulls skipped), in order of appearance, each once. */
  public static List<CodeLink> extract(String... texts) {
    Map<String, CodeLink> links = new LinkedHashMap<>();
    for (String text : texts) {
      if (text == null || !mayHoldUrl(text)) continue;
      Matcher m = URL.matcher(text);
      while (m.find()) {
        CodeLink link = classify(trim(m.group()));
        if (link != null) links.putIfAbsent(link.url().toLowerCase(Locale.ROOT), link);
      }
    }
    return new ArrayList<>(links.values());
  }

  /** The one link a string names, or null when it is no link Paperboy keeps (a feed's {@code githubRepo}, say). */
  public static CodeLink classify(String raw) {
    String text = raw.strip();
    if (!text.regionMatches(true, 0, "http://", 0, 7) && !text.regionMatches(true, 0, "https://", 0, 8)) {
      text = "https://" + text;
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String host = uri.getHost();
    if (host == null || !host.contains(".")) return null;
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) host = host.substring(4);
    String[] path = segments(uri.getRawPath());
    return switch (host) {
      case "github.com" -> github(path, text);
      case "gitlab.com" -> gitlab(path, text);
      case "huggingface.co", "hf.co" -> huggingFace(path);
      default -> other(host, text);
    };
  }

  private static boolean mayHoldUrl(String text) {
    return text.contains("://") || text.contains("github.com") || text.contains("gitlab.com") || text.contains("huggingface.co")
        || text.contains("hf.co/");
  }

  /** Sentence punctuation after a URL is not part of it; a closing parenthesis only when it has no partner. */
  private static String trim(String url) {
    String u = url;
    while (!u.isEmpty()) {
      char c = u.charAt(u.length() - 1);
      if (".,;:!?*'\"".indexOf(c) >= 0) {
        u = u.substring(0, u.length() - 1);
      } else if (c == ')' && count(u, '(') < count(u, ')')) {
        u = u.substring(0, u.length() - 1);
      } else {
        break;
      }
    }
    return u;
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  private static String[] segments(String path) {
    if (path == null) return new String[0];
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  private static CodeLink github(String[] path, String text) {
    if (path.length == 0) return null;
    String owner = path[0];
    if (GITHUB_NOT_OWNERS.contains(owner.toLowerCase(Locale.ROOT)) || !GITHUB_OWNER.matcher(owner).matches()) return null;
    if (path.length == 1) return new CodeLink(Kind.PROJECT, "https://github.com/" + owner, null);
    String repo = stripGit(path[1]);
    if (repo.isEmpty() || !REPO_NAME.matcher(repo).matches()) return null;
    return new CodeLink(Kind.GITHUB, "https://github.com/" + owner + "/" + repo, owner + "/" + repo);
  }

  private static CodeLink gitlab(String[] path, String text) {
    List<String> project = new ArrayList<>();
    for (String s : path) {
      if (s.equals("-")) break; // /-/tree/main and the like: the project path ends here
      project.add(s);
    }
    if (project.size() < 2) return null;
    project.set(project.size() - 1, stripGit(project.getLast()));
    String repo = String.join("/", project);
    return new CodeLink(Kind.GITLAB, "https://gitlab.com/" + repo, repo);
  }

  private static CodeLink huggingFace(String[] path) {
    if (path.length < 2) return null;
    String first = path[0].toLowerCase(Locale.ROOT);
    if (first.equals("spaces") || first.equals("datasets")) {
      if (path.length < 3) return null;
      String repo = path[1] + "/" + path[2];
      Kind kind = first.equals("spaces") ? Kind.HF_SPACE : Kind.HF_DATASET;
      return new CodeLink(kind, "https://huggingface.co/" + first + "/" + repo, repo);
    }
    if (HF_NOT_OWNERS.contains(first)) return null;
    String repo = path[0] + "/" + path[1];
    return new CodeLink(Kind.HF_MODEL, "https://huggingface.co/" + repo, repo);
  }

  private static CodeLink other(String host, String text) {
    for (String h : NOT_PROJECT_HOSTS) {
      if (host.equals(h) || host.endsWith("." + h)) return null;
    }
    String url = text.replaceAll("/+$", "");
    if (OTHER_CODE_HOSTS.contains(host) || host.startsWith("git.") || host.startsWith("gitlab.")) {
      return new CodeLink(Kind.CODE, url, null);
    }
    return new CodeLink(Kind.PROJECT, url, null);
  }

  private static String stripGit(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".git") ? name.substring(0, name.length() - 4) : name;
  }
}
