package org.paperboy.mail;

/** A mail in the outbox: what was queued, its stable Message-ID, and how often sending was tried. */
public record QueuedMail(long id, String messageId, OutgoingMail mail, int attempts) {}
