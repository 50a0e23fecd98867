package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.support.ChildJvm;

/**
 * Mail as the README's defaults send it: STARTTLS required, a login from --smtp-user and the
 * password from the environment. A real `paperboy mail test` process talks to a STARTTLS front
 * ({@link StartTlsFront}) relaying to GreenMail, which checks the password; the process trusts the
 * front's certificate through the standard javax.net.ssl.trustStore property, as a deployment with
 * a private CA would.
 */
class StartTlsTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("paperboy@papers.example", "paperboy", "s3cret"));

  @TempDir static Path keys;
  static Path keyStore;
  @TempDir Path dir;

  @BeforeAll
  static void makeTheFrontsCertificate() throws Exception {
    keyStore = StartTlsFront.makeKeyStore(keys);
  }

  ChildJvm.Result mailTest(int port, String password) throws Exception {
    return ChildJvm.run(dir, Map.of("PAPERBOY_SMTP_PASSWORD", password,
            "JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + keyStore + " -Djavax.net.ssl.trustStorePassword="
                + StartTlsFront.PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12"),
        "mail", "test", "ada@example.org", "--data", dir.resolve("data").toString(), "--smtp-host", "127.0.0.1",
        "--smtp-port", String.valueOf(port), "--smtp-user", "paperboy", "--mail-from", "paperboy@papers.example");
  }

  @Test
  void mailGoesOutOverStartTlsAndLogsIn() throws Exception {
    try (StartTlsFront front = new StartTlsFront(keyStore, smtp.getSmtp().getPort())) {
      ChildJvm.Result r = mailTest(front.port(), "s3cret");
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(r.out()).contains("via smtp://paperboy@127.0.0.1:" + front.port() + " (STARTTLS)");
      assertThat(front.tlsProtocols).as("a TLS session was negotiated").isNotEmpty().allMatch(p -> p.startsWith("TLSv1."));
      assertThat(front.refusedInPlain).as("nothing but the greeting and STARTTLS went out in plain text").isEmpty();
      assertThat(front.verbsOverTls()).containsSubsequence("EHLO", "AUTH", "MAIL", "RCPT", "DATA");
      assertThat(smtp.getReceivedMessages()).singleElement()
          .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Paperboy test mail"));
    }
  }

  @Test
  void aWrongPasswordSendsNothing() throws Exception {
    try (StartTlsFront front = new StartTlsFront(keyStore, smtp.getSmtp().getPort())) {
      ChildJvm.Result r = mailTest(front.port(), "wrong");
      assertThat(r.exit()).as("the mail stays queued: %s", r).isEqualTo(1);
      assertThat(r.out()).contains("outbox: 1 pending, 0 sent, 0 failed");
      assertThat(front.verbsOverTls()).as("the login was tried, over TLS").contains("AUTH").doesNotContain("DATA");
      assertThat(smtp.getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void withoutStartTlsOnTheServerNothingIsSentInPlainText() throws Exception {
    // GreenMail itself offers no STARTTLS: the default (--smtp-starttls true) requires it, so nothing goes out
    ChildJvm.Result r = mailTest(smtp.getSmtp().getPort(), "s3cret");
    assertThat(r.exit()).as("the mail stays queued: %s", r).isEqualTo(1);
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
