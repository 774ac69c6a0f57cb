-- The posts projection as the blog.events consumer keeps it (idempotent: the core's 0110 may add
-- the same columns first). Slugs move between posts and events of different posts arrive in any
-- order, so a slug is not unique here. author_id may be unknown: an unpublished or deleted post
-- seen before its published event is still recorded (with its version) so that the late, older
-- event cannot make it visible.
ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_slug_key;
ALTER TABLE posts ALTER COLUMN author_id DROP NOT NULL;
ALTER TABLE posts ADD COLUMN IF NOT EXISTS published boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN IF NOT EXISTS deleted boolean NOT NULL DEFAULT false;
-- Erasure finds a user's comments, and whether a comment has replies, by index (no-ops where
-- 0110 made indexes of these names).
CREATE INDEX IF NOT EXISTS comments_by_author ON comments (author_id);
CREATE INDEX IF NOT EXISTS comments_by_parent ON comments (parent_id);
