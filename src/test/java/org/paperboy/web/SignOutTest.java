package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.db.StoreKinds;
import org.paperboy.support.MutableClock;

/** Signing out ends the session itself, not only the cookie of the browser that asked: a copied cookie stops working. */
class SignOutTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

  @StoreKinds
  void aCopiedCookieStopsWorkingWhenItsOwnerSignsOut(String kind) {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0);
        Member ada = CommunityWebTest.signIn(f, "ada@example.org");
        Member thief = new Member(f.base())) {
      HttpCookie session = ada.cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(Sessions.COOKIE)).findFirst().orElseThrow();
      thief.cookies.getCookieStore().add(URI.create(f.base()), (HttpCookie) session.clone());
      assertThat(thief.get("/profile").statusCode()).as("the copy works while the session lasts").isEqualTo(200);

      assertThat(ada.post("/signout", Map.of()).statusCode()).isEqualTo(303);
      assertThat(thief.get("/profile").statusCode()).as("the copy after its owner signed out").isEqualTo(303);
      assertThat(thief.get("/profile").headers().firstValue("Location")).hasValue("/signin");
    }
  }

  @StoreKinds
  void signingOutOnOneDeviceKeepsTheOthersSignedIn(String kind) {
    try (CommunityFixture f = new CommunityFixture(kind, dir, clock, Duration.ofDays(14), 0);
        Member laptop = CommunityWebTest.signIn(f, "ada@example.org")) {
      clock.advance(Duration.ofMinutes(20)); // the sign-in mail limit is per address
      try (Member phone = CommunityWebTest.signIn(f, "ada@example.org")) {
        assertThat(laptop.post("/signout", Map.of()).statusCode()).isEqualTo(303);
        assertThat(phone.get("/profile").statusCode()).isEqualTo(200);
        assertThat(laptop.get("/profile").statusCode()).isEqualTo(303);
      }
    }
  }
}
