-- The rest of the blog contract: covers, tags, search, old slugs, schedules, and the authors the
-- blog learns from users.events.
--
-- Tags live on the post row, in order (`tag_slugs`, `tag_names`), so a list page is one row per
-- post with no join; `tags` keeps the one display name of each slug (the first spelling seen:
-- "Swift" and "swift" are the same tag).
ALTER TABLE posts
    ADD COLUMN cover_image_url text,
    ADD COLUMN tag_slugs text[] NOT NULL DEFAULT '{}',
    ADD COLUMN tag_names text[] NOT NULL DEFAULT '{}',
    -- The plain text of the body (for search headlines); `search` is its weighted tsvector:
    -- title A, tags B, body C.
    ADD COLUMN body_text text NOT NULL DEFAULT '',
    ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector,
    ADD CONSTRAINT posts_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    ADD CONSTRAINT posts_published_has_time CHECK (status <> 'published' OR published_at IS NOT NULL),
    ADD CONSTRAINT posts_scheduled_has_time CHECK (status <> 'scheduled' OR publish_at IS NOT NULL),
    ADD CONSTRAINT posts_tags_aligned CHECK (cardinality(tag_slugs) = cardinality(tag_names) AND cardinality(tag_slugs) <= 10);

CREATE INDEX posts_author_published ON posts (author_id, published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX posts_author ON posts (author_id);
CREATE INDEX posts_tag_slugs ON posts USING gin (tag_slugs) WHERE status = 'published';
CREATE INDEX posts_search ON posts USING gin (search) WHERE status = 'published';
-- The scheduler's scan: due posts, oldest first.
CREATE INDEX posts_due ON posts (publish_at) WHERE status = 'scheduled';

CREATE TABLE tags (
    slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name text NOT NULL
);

-- Old slugs answer 301 to the post's current slug. A redirect names the post, not a slug, so
-- several renames never chain; a slug that becomes some post's current slug has its row deleted
-- in the same transaction, so it stops redirecting.
CREATE TABLE post_slug_redirects (
    slug text PRIMARY KEY,
    post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE
);
CREATE INDEX post_slug_redirects_post ON post_slug_redirects (post_id);

-- The authors projection from users.events: enough to resolve `?author=<username>` and to
-- refuse writes of erased accounts. `version` is the user's version of the last applied event.
CREATE TABLE authors (
    id uuid PRIMARY KEY,
    username text NOT NULL,
    erased boolean NOT NULL DEFAULT false,
    version bigint NOT NULL
);
CREATE INDEX authors_username ON authors (username) WHERE NOT erased;
