package org.paperboy.web;

import java.time.Clock;
import org.paperboy.digest.DigestRunner;
import org.paperboy.digest.Subscriptions;

/** What the digest pages call: subscriptions and the runner (for previews). */
public record DigestServices(Subscriptions subscriptions, DigestRunner digests, Clock clock) {}
