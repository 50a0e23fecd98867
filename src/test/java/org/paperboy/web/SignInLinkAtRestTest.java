package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.mail.OutboxSender;

/** A copy of the store is worth no sign-in: a delivered link exists in the member's mailbox, nowhere in the store. */
class SignInLinkAtRestTest {
  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Pattern LINK = Pattern.compile("(http://\\S+/signin/)(\\S+)");

  @TempDir Path dir;

  @StoreKinds
  void aDeliveredSignInLinkIsNowhereInTheStoreAndStillSignsIn(String kind) throws Exception {
    try (CommunityFixture f = new CommunityFixture(kind, dir, Clock.systemUTC(), Duration.ofDays(14), smtp.getSmtp().getPort());
        OutboxSender sender = f.app.newOutboxSender(m -> {});
        Member ada = new Member(f.base())) {
      ada.get("/signin");
      assertThat(ada.post("/signin", Map.of("email", "ada@example.org")).statusCode()).isEqualTo(200);
      assertThat(sender.flush()).isEqualTo(1);
      Matcher m = LINK.matcher(String.valueOf(smtp.getReceivedMessages()[0].getContent()));
      assertThat(m.find()).as("a link in the delivered mail").isTrue();
      String token = m.group(2);

      List<Map<String, Object>> rows = f.app.database().jdbi().withHandle(h -> {
        List<Map<String, Object>> all = new java.util.ArrayList<>(h.createQuery("SELECT * FROM mail_outbox").mapToMap().list());
        all.addAll(h.createQuery("SELECT * FROM signin_tokens").mapToMap().list());
        return all;
      });
      assertThat(rows).hasSize(2);
      for (Map<String, Object> row : rows) {
        for (Object value : row.values()) {
          assertThat(String.valueOf(value)).as("a column of %s", row.keySet()).doesNotContain(token);
        }
      }

      HttpResponse<String> confirm = ada.get("/signin/" + token);
      assertThat(confirm.statusCode()).isEqualTo(200);
      assertThat(ada.post("/signin/" + token, Map.of()).statusCode()).as("the mailed link still signs in").isEqualTo(303);
      assertThat(ada.get("/profile").statusCode()).isEqualTo(200);
    }
  }
}
