package org.paperboy.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A visitor without a browser: an HTTP client keeping its cookies, following no redirects, reading CSRF tokens off pages. */
final class Member implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http = client();
  private final String base;
  String csrf;

  Member(String base) {
    this.base = base;
  }

  HttpResponse<String> get(String path) {
    HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(base + path)).GET());
    Matcher m = TOKEN.matcher(r.body());
    if (m.find()) csrf = m.group(1);
    return r;
  }

  /** Posts a form, adding this visitor's CSRF token unless the form holds a {@code csrf} entry ("": none at all). */
  HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (!fields.containsKey("csrf") && csrf != null) fields.put("csrf", csrf);
    if ("".equals(fields.get("csrf"))) fields.remove("csrf");
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) b.headers(headers);
    // A form goes out on a connection of its own. Reusing a pooled one races with the server closing it
    // while idle: a POST that meets the close before any byte of an answer fails ("header parser received
    // no bytes") and, not being idempotent, is not retried by the client; a browser would resend it, a test
    // counting writes must not. GETs keep the pool: the client retries those itself.
    try (HttpClient once = client()) {
      return send(once, b);
    }
  }

  private HttpClient client() {
    return HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(java.time.Duration.ofSeconds(10)).build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder b) {
    try {
      return http.send(b.timeout(WebFixture.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
