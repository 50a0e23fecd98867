package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.mail.QueuedMail;
import org.paperboy.support.MutableClock;

/**
 * Links in mails point at the server's public address, never at the Host a request names: otherwise
 * anyone could ask for a member's sign-in link (or a subscriber's confirmation) to point at their own
 * site and harvest the token. The requests are written by hand, since Java's HTTP client will not
 * send a Host header of its choosing.
 */
class MailLinksIgnoreTheHostTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @StoreKinds
  void signInAndConfirmationLinksUseThePublicAddressWhateverTheHostHeaderSays(String kind) throws Exception {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0); Member visitor = new Member(f.base())) {
      visitor.get("/signin");
      assertThat(postWithHost(f, visitor, "/signin", Map.of("email", "ada@example.org"))).startsWith("HTTP/1.1 200");
      assertThat(postWithHost(f, visitor, "/subscribe", Map.of("email", "bob@example.org"))).startsWith("HTTP/1.1 200");

      List<QueuedMail> mails = f.app.outbox().claimDue(10, Duration.ofMinutes(2));
      assertThat(mails).extracting(q -> q.mail().to()).containsExactlyInAnyOrder("ada@example.org", "bob@example.org");
      for (QueuedMail m : mails) {
        assertThat(m.mail().text()).as("the mail to %s", m.mail().to()).contains(f.base() + "/")
            .doesNotContain("evil.example").doesNotContain("attacker");
      }
    }
  }

  /** POSTs a form with a forged Host (and X-Forwarded-Host), this visitor's cookies and CSRF token; returns the answer's status line. */
  private static String postWithHost(CommunityFixture f, Member visitor, String path, Map<String, String> form) throws IOException {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")) + "&csrf=" + URLEncoder.encode(visitor.csrf, StandardCharsets.UTF_8);
    String cookies = visitor.cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
    String request = "POST " + path + " HTTP/1.1\r\n"
        + "Host: evil.example\r\n"
        + "X-Forwarded-Host: attacker.example\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n"
        + "Cookie: " + cookies + "\r\n"
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + "Connection: close\r\n\r\n" + body;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.server.port())) {
      s.setSoTimeout((int) WebFixture.TIMEOUT.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return answer.lines().findFirst().orElse("");
    }
  }
}
