-- Owned by org.paperboy.mail: a mail's secret part (a sign-in token) is kept apart from its body and
-- erased once the mail is delivered or given up, so the store never keeps a usable sign-in link.
ALTER TABLE mail_outbox ADD COLUMN secret TEXT;
-- Sign-in mails sent before this version kept their link in the body: a link that was delivered is
-- the member's, not the store's.
UPDATE mail_outbox SET text_body = 'Your sign-in link (removed from the store once delivered).'
 WHERE dedupe_key LIKE 'signin:%' AND status <> 'pending';
