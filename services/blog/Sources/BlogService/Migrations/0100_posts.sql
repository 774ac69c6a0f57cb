-- Posts (the blog contract grows this schema in later migrations).
CREATE TABLE posts (
    id uuid PRIMARY KEY,
    author_id uuid NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    body_markdown text NOT NULL,
    body_html text NOT NULL,
    excerpt text NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
    publish_at timestamptz,
    published_at timestamptz,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT posts_slug_key UNIQUE (slug)
);
CREATE INDEX posts_published ON posts (published_at DESC, id DESC) WHERE status = 'published';
