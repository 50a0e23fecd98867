package org.paperboy.ingest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.support.Refusal;

/**
 * Looks papers up by id in the arXiv API ({@code export.arxiv.org/api/query?id_list=…}), with the
 * same politeness as the harvester. A versioned id fetches that version; an unversioned one the
 * latest. The API's error entries and ids it does not know become {@link Refusal}s naming
 * the id.
 */
public final class ArxivApiClient {
  public static final String ENDPOINT = "https://export.arxiv.org/api/query";
  public static final URI ARXIV_API = URI.create(ENDPOINT);
  // The API answers long id lists, but small batches keep one bad id from costing a large response.
  static final int BATCH_SIZE = 50;

  private final PoliteHttp http;
  private final URI endpoint;

  public ArxivApiClient(PoliteHttp http, URI endpoint) {
    this.http = http;
    this.endpoint = endpoint;
  }

  public Paper fetch(ArxivId id) {
    return fetch(new ArxivId.Versioned(id, 0));
  }

  public Paper fetch(ArxivId.Versioned id) {
    return fetchAll(List.of(id)).getFirst();
  }

  /** The papers in the order asked (duplicates asked once); fails naming every id arXiv does not have. */
  public List<Paper> fetchAll(List<ArxivId.Versioned> ids) {
    List<ArxivId.Versioned> distinct = ids.stream().distinct().toList();
    Map<ArxivId.Versioned, Paper> found = new HashMap<>();
    for (int i = 0; i < distinct.size(); i += BATCH_SIZE) {
      List<ArxivId.Versioned> batch = distinct.subList(i, Math.min(distinct.size(), i + BATCH_SIZE));
      found.putAll(fetchBatch(batch));
    }
    List<ArxivId.Versioned> missing = distinct.stream().filter(id -> !found.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      throw Refusal.notFound("arXiv has no paper " + missing.stream().map(Object::toString)
          .collect(Collectors.joining(", ")) + " (check the id on https://arxiv.org/abs/" + missing.getFirst() + ")");
    }
    return distinct.stream().map(found::get).toList();
  }

  /**
   * The latest version of each of these papers that arXiv has, by id; an id arXiv does not know is
   * simply absent (a collection import reports those by line).
   */
  public Map<ArxivId, Paper> fetchFound(List<ArxivId> ids) {
    List<ArxivId.Versioned> distinct = ids.stream().distinct().map(id -> new ArxivId.Versioned(id, 0)).toList();
    Map<ArxivId, Paper> found = new java.util.LinkedHashMap<>();
    for (int i = 0; i < distinct.size(); i += BATCH_SIZE) {
      fetchBatch(distinct.subList(i, Math.min(distinct.size(), i + BATCH_SIZE))).forEach((v, p) -> found.put(v.id(), p));
    }
    return found;
  }

  private Map<ArxivId.Versioned, Paper> fetchBatch(List<ArxivId.Versioned> batch) {
    String idList = batch.stream().map(Object::toString).collect(Collectors.joining(","));
    String base = endpoint.toString();
    URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + "id_list="
        + URLEncoder.encode(idList, StandardCharsets.UTF_8) + "&max_results=" + batch.size());
    AtomFeed feed = http.get(uri, (status, body) -> {
      // The API reports a bad id as HTTP 400 with an error entry that says what is wrong.
      if (status != 200 && status != 400) throw Refusal.unavailable("the arXiv API answered HTTP " + status + " to " + uri);
      AtomFeed f = AtomFeed.read(body);
      if (status == 400 && f.errors().isEmpty()) throw Refusal.unavailable("the arXiv API answered HTTP 400 to " + uri);
      return f;
    });
    if (!feed.errors().isEmpty()) {
      throw Refusal.badInput("the arXiv API refused " + idList + ": " + String.join("; ", feed.errors()));
    }
    Map<ArxivId.Versioned, Paper> byId = new HashMap<>();
    for (ArxivId.Versioned asked : batch) {
      for (AtomFeed.Entry e : feed.entries()) {
        if (e.id().id().equals(asked.id()) && (asked.version() == 0 || asked.version() == e.id().version())) {
          byId.put(asked, e.paper());
        }
      }
    }
    return byId;
  }
}
