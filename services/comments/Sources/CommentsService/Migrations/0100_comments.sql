-- The comments service's own projection of published posts (built from blog events), and comments.
CREATE TABLE posts (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    author_id uuid NOT NULL,
    version bigint NOT NULL
);
CREATE TABLE comments (
    id uuid PRIMARY KEY,
    post_id uuid NOT NULL,
    parent_id uuid REFERENCES comments (id),
    author_id uuid,
    body text NOT NULL,
    status text NOT NULL CHECK (status IN ('approved', 'pending', 'rejected', 'spam')),
    deleted boolean NOT NULL DEFAULT false,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    edited_at timestamptz
);
CREATE INDEX comments_by_post ON comments (post_id, created_at, id);
