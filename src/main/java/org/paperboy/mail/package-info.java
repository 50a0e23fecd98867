/**
 * Outgoing mail: {@link org.paperboy.mail.Outbox} (the {@code mail_outbox} table,
 * {@code V5__mail.sql} and {@code V30__outbox_secret.sql}) and
 * {@link org.paperboy.mail.OutboxSender} over SMTP ({@link org.paperboy.mail.SmtpTransport}) or, with
 * no SMTP server configured, the log. Promise: a mail accepted into the outbox is delivered even if
 * the process dies before the SMTP hand-off, is never queued twice under one key, and keeps one
 * Message-ID across attempts.
 */
package org.paperboy.mail;
