-- Each comment names the top-level comment of its thread (root_id; a top-level comment its own
-- id), so a page of the tree is one indexed read of its roots' threads instead of a recursive
-- query. Set on insert by a trigger (parent_id never changes, so neither does root_id), so every
-- writer, the bench loader's COPY included, keeps it.
ALTER TABLE comments ADD COLUMN root_id uuid;

CREATE FUNCTION comments_set_root_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.root_id := NEW.id;
    ELSE
        SELECT coalesce(p.root_id, p.id) INTO NEW.root_id FROM comments p WHERE p.id = NEW.parent_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER comments_root_id BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION comments_set_root_id();

-- The comments written before this migration.
WITH RECURSIVE thread AS (
    SELECT id, id AS root_id FROM comments WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, t.root_id FROM comments c JOIN thread t ON c.parent_id = t.id
)
UPDATE comments c SET root_id = thread.root_id FROM thread WHERE c.id = thread.id;

CREATE INDEX comments_by_root ON comments (root_id, status);
