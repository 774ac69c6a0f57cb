-- The projection of posts: slugs move between posts (a slug freed by one post may be taken by
-- another) and events of different posts arrive in any order, so the slug is not unique here;
-- reads resolve a slug among the published, not deleted rows only.
ALTER TABLE posts DROP CONSTRAINT posts_slug_key;
ALTER TABLE posts
    ADD COLUMN published boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted boolean NOT NULL DEFAULT false;
CREATE INDEX posts_published_slug ON posts (slug) WHERE published AND NOT deleted;

-- The tree: a page of approved roots (parent_id IS NULL) in (created_at, id) order, and the
-- replies of given parents, both within one post.
DROP INDEX comments_by_post;
CREATE INDEX comments_tree ON comments (post_id, parent_id, status, created_at, id);
-- Replies of one comment (the parent_id foreign key's checks on delete, "has replies").
CREATE INDEX comments_by_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;
-- A user's comments (trust: "already has an approved comment"; erasure).
CREATE INDEX comments_by_author ON comments (author_id, status);
-- The moderation queue: one status, oldest first.
CREATE INDEX comments_moderation ON comments (status, created_at, id);
