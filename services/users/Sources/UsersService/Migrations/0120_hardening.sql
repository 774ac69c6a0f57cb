-- Security hardening.

-- 1. No raw link token anywhere. The mail outbox records what to send (kind, account, address);
-- the MailSender mints the token when it sends, storing only its hash in email_tokens (mail_id
-- names the outbox row that minted it, so a retry replaces the unused token of the attempt before).
-- Messages rendered by an older version held the token in plain text: they are converted (the
-- link is minted anew when sent) and the text dropped.
ALTER TABLE mail_outbox ADD COLUMN kind text CHECK (kind IN ('verify_email', 'reset_password'));
ALTER TABLE mail_outbox ADD COLUMN user_id uuid REFERENCES users (id) ON DELETE CASCADE;
UPDATE mail_outbox m SET
    kind = CASE WHEN m.message LIKE '%/reset-password?token=%' THEN 'reset_password' ELSE 'verify_email' END,
    user_id = (SELECT u.id FROM users u WHERE u.email = m.recipient);
DELETE FROM mail_outbox WHERE user_id IS NULL;
ALTER TABLE mail_outbox DROP COLUMN message, DROP COLUMN sender;
ALTER TABLE mail_outbox ALTER COLUMN kind SET NOT NULL, ALTER COLUMN user_id SET NOT NULL;
-- The reset-mail limit counts an address's recent reset mails.
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient, kind, created_at);
ALTER TABLE email_tokens ADD COLUMN mail_id bigint;
CREATE INDEX email_tokens_mail ON email_tokens (mail_id) WHERE mail_id IS NOT NULL;

-- 2. Login attempts, reserved before the password is hashed: one row per account, updated by a
-- single UPSERT under the row's lock, so concurrent logins (on any replica) cannot outrun the
-- limit. `attempts` holds the times of reserved checks (failed or in flight) in the window;
-- `locked_until` is set by the failure that reaches the limit.
CREATE TABLE login_attempts (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    attempts timestamptz[] NOT NULL DEFAULT '{}',
    locked_until timestamptz
);
INSERT INTO login_attempts (user_id, attempts)
    SELECT user_id, array_agg(failed_at ORDER BY failed_at) FROM login_failures GROUP BY user_id;
DROP TABLE login_failures;

-- 3. The bootstrap admin grant happens once per BOOTSTRAP_ADMIN_EMAIL: to the first account that
-- verifies it. Keyed by the SHA-256 of the address (the address itself is personal data that an
-- erasure removes); a re-registered address finds its grant taken.
CREATE TABLE bootstrap_admin_grants (
    email_sha256 text PRIMARY KEY,
    user_id uuid NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
