-- Accounts. Usernames and emails are stored lower case, so uniqueness is case-insensitive.
-- An erased account keeps its row (and so its username) with the personal data removed.
CREATE TABLE users (
    id uuid PRIMARY KEY,
    username text NOT NULL,
    email text,
    email_verified boolean NOT NULL DEFAULT false,
    password_hash text,
    display_name text NOT NULL,
    bio text NOT NULL DEFAULT '',
    roles text[] NOT NULL DEFAULT ARRAY['reader']::text[],
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_username_lower CHECK (username = lower(username)),
    CONSTRAINT users_email_lower CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
