-- One new row version of a post's thread row per comment write, not two. 0150's trigger raised
-- the version by an upsert and then wrote the count by a second UPDATE: two versions of the row
-- per write, each for vacuum to reclaim. Now the row is made if missing (version 0, what readers
-- assume for a missing row), locked, and written once with both the new version and the count.
--
-- Why the count is still exact: in READ COMMITTED each statement of a volatile plpgsql function
-- takes a fresh snapshot. The SELECT ... FOR UPDATE waits for any concurrent writer of the post
-- that holds the row's lock until that one commits (an INSERT ... DO NOTHING also waits for a
-- concurrent insert of the same key to commit); the UPDATE that follows is a new statement, so
-- its count sees every commit of the writers that held the lock before (and this transaction's
-- own rows), and the last writer to commit leaves the exact number.
--
-- No lock of comments is needed here: a writer still running 0150's function counts exactly too,
-- and takes the same row lock before its count.
CREATE OR REPLACE FUNCTION comments_raise_thread_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched uuid[] := CASE
        WHEN TG_OP = 'DELETE' THEN ARRAY[OLD.post_id]
        WHEN TG_OP = 'UPDATE' AND OLD.post_id IS DISTINCT FROM NEW.post_id THEN ARRAY[NEW.post_id, OLD.post_id]
        ELSE ARRAY[NEW.post_id]
    END;
    post uuid;
BEGIN
    FOREACH post IN ARRAY touched LOOP
        INSERT INTO comment_threads (post_id, version) VALUES (post, 0) ON CONFLICT (post_id) DO NOTHING;
        PERFORM 1 FROM comment_threads WHERE post_id = post FOR UPDATE;
        UPDATE comment_threads SET
            version = version + 1,
            approved_count = (
                SELECT count(*) FROM comments c WHERE c.post_id = post AND c.status = 'approved' AND NOT c.deleted
            )
        WHERE post_id = post;
    END LOOP;
    RETURN NULL;
END
$$;
