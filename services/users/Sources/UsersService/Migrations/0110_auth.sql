-- Authentication state. Every secret handed to a client (email link tokens, refresh tokens) is
-- stored only as its SHA-256 hash (hex), so a leaked table gives no usable token.

-- Single-use email tokens: verification (48 h) and password reset (1 h).
CREATE TABLE email_tokens (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- Rotating refresh tokens. A login starts a family; each refresh marks the presented token
-- rotated and adds its successor to the same family; a rotated token presented again revokes
-- the whole family (theft).
CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    family_id uuid NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Failed logins per account, counted here (not in memory) so the limit holds across replicas.
CREATE TABLE login_failures (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_user ON login_failures (user_id, failed_at);

-- Ed25519 keys that sign access tokens; shared by every replica. The newest unretired key signs;
-- retired keys stay published in the JWKS until their last token has expired.
CREATE TABLE signing_keys (
    kid text PRIMARY KEY,
    private_key bytea NOT NULL CHECK (octet_length(private_key) = 32),
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    retired_at timestamptz
);

-- Mail waiting for delivery, written in the transaction of the change that causes it; the
-- MailSender delivers it outside any request and retries with backoff. The message is cleared
-- once sent (it may hold a link token).
CREATE TABLE mail_outbox (
    id bigserial PRIMARY KEY,
    sender text NOT NULL,
    recipient text NOT NULL,
    message text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_error text,
    sent_at timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
