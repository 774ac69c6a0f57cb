-- A version of each post's comments, raised by every write of one of them in the writing
-- transaction, so a reader that sees a version sees exactly the comments of that version: the
-- key of the service's cache of rendered tree pages (CommentPageCache). A deferred constraint
-- trigger: it runs at commit, so the row lock that orders concurrent writers of one post is held
-- only while the transaction commits, and every writer (the bench loader's COPY, erasure, SQL in
-- tests) raises it.
CREATE TABLE comment_threads (
    post_id uuid PRIMARY KEY,
    version bigint NOT NULL
);

CREATE FUNCTION comments_raise_thread_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    post uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.post_id ELSE NEW.post_id END;
BEGIN
    INSERT INTO comment_threads AS t (post_id, version) VALUES (post, 1)
    ON CONFLICT (post_id) DO UPDATE SET version = t.version + 1;
    IF TG_OP = 'UPDATE' AND OLD.post_id IS DISTINCT FROM NEW.post_id THEN
        INSERT INTO comment_threads AS t (post_id, version) VALUES (OLD.post_id, 1)
        ON CONFLICT (post_id) DO UPDATE SET version = t.version + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER comments_thread_version AFTER INSERT OR UPDATE OR DELETE ON comments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION comments_raise_thread_version();
