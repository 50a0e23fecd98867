package org.paperboy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.fake.ApiFiles;
import org.paperboy.fake.OaiFiles;

/** Responses come from the network: a DOCTYPE must never make the parser read a file or expand entities. */
class SafeXmlTest {
  private static final String SECRET = "top-secret-7f3a";

  @TempDir Path dir;

  /** The real arXivRaw page with an external entity declared and used in the first title. */
  private String xxePage(String entityDeclaration) {
    String page = OaiFiles.rawPage1();
    return page.replaceFirst("<OAI-PMH ", "<!DOCTYPE OAI-PMH [" + entityDeclaration + "]>\n<OAI-PMH ")
        .replaceFirst("<title>Density dependence", "<title>&xxe; Density dependence");
  }

  @Test
  void anExternalEntityInAnOaiResponseIsNotExpanded() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
    String payload = xxePage("<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">");
    assertThat(payload).contains("<!DOCTYPE").contains("&xxe;");

    assertThatThrownBy(() -> OaiPmhResponse.read(stream(payload)))
        .isInstanceOf(PoliteHttp.MalformedResponse.class)
        .hasMessageContaining("xxe")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void anInternalEntityIsNotExpandedEither() {
    // Nested internal entities are how "billion laughs" exhausts memory.
    String payload = xxePage("<!ENTITY xxe \"" + SECRET + "\">");

    assertThatThrownBy(() -> OaiPmhResponse.read(stream(payload)))
        .isInstanceOf(PoliteHttp.MalformedResponse.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void anExternalEntityInAnApiResponseIsNotExpanded() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
    String feed = new String(ApiFiles.recorded("1605.08386").body(), StandardCharsets.UTF_8)
        .replaceFirst("<feed ", "<!DOCTYPE feed [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n<feed ")
        .replaceFirst("<title>Heat-bath", "<title>&xxe;Heat-bath");

    assertThatThrownBy(() -> AtomFeed.read(stream(feed)))
        .isInstanceOf(PoliteHttp.MalformedResponse.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void theSamePageWithoutTheEntityParses() throws Exception {
    // the control: the payloads above fail because of the entity, not because the page is broken
    OaiPmhResponse page = OaiPmhResponse.read(stream(OaiFiles.rawPage1()));
    assertThat(page.papers()).hasSize(6);
    assertThat(page.resumptionToken()).isEqualTo(OaiFiles.RAW_TOKEN);
  }

  private static ByteArrayInputStream stream(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }
}
