#!/usr/bin/env bash
# Loads the benchmark data set into a running stack (only the parts that are still empty),
# each part through its own service's role. Called by scripts/bench.sh.
# Environment: INKWELL_HOME (with secrets.env), PG_PORT, BIN_DIR (the executables).
# Every bench user's password is BENCH_PASSWORD [bench-password-2026]; its Argon2id hash is made
# by the users service itself (`inkwell-users hash-password`), with the service's parameters.
# The posts part (tags, posts, the blog's authors projection of the bench users) goes in through
# the blog role, the comments part (the posts projection and the comments) through the comments role; posts that an earlier run's create-post scenario wrote are removed first, so the
# read scenarios always see the data set's feed (bench-post the 8th newest).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${INKWELL_HOME:?}" "${PG_PORT:?}"
# shellcheck source=/dev/null
. "$INKWELL_HOME/secrets.env"
PSQL="$(pg_bindir)/psql"
DATASET="$INKWELL_ROOT/scripts/bench/dataset.py"

# psql_as ROLE PASSWORD ARGS...
psql_as() {
    local role=$1 pw=$2; shift 2
    PGPASSWORD=$pw "$PSQL" -X -q -w -v ON_ERROR_STOP=1 "postgresql://$role@127.0.0.1:$PG_PORT/inkwell" "$@"
}

# load_part PART ROLE PASSWORD TABLE
load_part() {
    local part=$1 role=$2 pw=$3 table=$4 n t
    if [[ "$(psql_as "$role" "$pw" -tAc "select to_regclass('$table') is not null")" != t ]]; then
        die "table $table does not exist: has inkwell-$role migrate created it?"
    fi
    n=$(psql_as "$role" "$pw" -tAc "select count(*) from $table")
    if (( n > 0 )); then
        info "$table already holds $n rows: not loading $part"
        return 0
    fi
    say "loading $part into $table (as role $role)"
    t=$(now)
    python3 "$DATASET" "$part" "${DATASET_ARGS[@]}" | psql_as "$role" "$pw"
    psql_as "$role" "$pw" -qc "analyze $table"
    info "$(psql_as "$role" "$pw" -tAc "select count(*) from $table") rows in $(elapsed "$t")s"
}

BENCH_PASSWORD=${BENCH_PASSWORD:-bench-password-2026}
HASH_FILE="$INKWELL_HOME/bench-password.hash"
if [[ ! -s "$HASH_FILE" ]]; then
    : "${BIN_DIR:?BIN_DIR must name the directory with inkwell-users}"
    printf '%s\n' "$BENCH_PASSWORD" | "$BIN_DIR/inkwell-users" hash-password >"$HASH_FILE"
fi
DATASET_ARGS=(--password-hash-file "$HASH_FILE")
load_part users users "$USERS_DB_PASSWORD" users.users
load_part posts blog "$BLOG_DB_PASSWORD" blog.posts
# create-post's titles are "Bench write <run>-<thread>-<n>" (scripts/bench/create-post.lua); no
# post of the data set has such a slug. Deleted in SQL, so without post.deleted events: a
# projection elsewhere may keep them, but no scenario reads them there.
n=$(psql_as blog "$BLOG_DB_PASSWORD" -tAc "with gone as (delete from blog.posts where slug like 'bench-write-%' returning 1) select count(*) from gone")
if (( n > 0 )); then
    info "posts an earlier create-post run wrote: $n, removed"
    psql_as blog "$BLOG_DB_PASSWORD" -qc "vacuum analyze blog.posts"
fi
# The facts the scenarios rely on (BENCH.md): refuse to measure a data set that drifted.
facts=$(psql_as blog "$BLOG_DB_PASSWORD" -tAF' ' -c "
    select (select count(*) from blog.posts where status = 'published'),
           (select count(*) from blog.tags),
           (select slug from blog.posts where status = 'published' order by published_at desc, id desc offset 7 limit 1),
           (select count(*) from blog.posts p join blog.authors a on a.id = p.author_id where a.username = 'grace')")
[[ "$facts" == "1000 30 bench-post 20" ]] ||
    die "the posts part is not the data set: published posts, tags, 8th newest, grace's posts = $facts (want 1000 30 bench-post 20)"
info "posts: 1000 published, 30 tags, bench-post the 8th newest, grace 20 posts"
# The comments part: the comments service's projection of the same 1,000 posts (the blog's rows
# went in by SQL, without events) and 20,000 approved comments, through the comments role.
load_part comments comments "$COMMENTS_DB_PASSWORD" comments.comments
psql_as comments "$COMMENTS_DB_PASSWORD" -qc "analyze comments.posts"
# The comment scenario's bodies start "Bench comment " (scripts/bench/comment.lua); none of the
# data set's does. Top-level and without replies, so they go without tombstones or events.
n=$(psql_as comments "$COMMENTS_DB_PASSWORD" -tAc "with gone as (delete from comments.comments where body like 'Bench comment %' returning 1) select count(*) from gone")
if (( n > 0 )); then
    info "comments an earlier comment run wrote: $n, removed"
    psql_as comments "$COMMENTS_DB_PASSWORD" -qc "vacuum analyze comments.comments"
fi
facts=$(psql_as comments "$COMMENTS_DB_PASSWORD" -tAF' ' -c "
    with bench as (select c.* from comments.comments c join comments.posts p on p.id = c.post_id
                   where p.slug = 'bench-post' and p.published and not p.deleted and c.status = 'approved' and not c.deleted)
    select (select count(*) from comments.comments where status = 'approved' and not deleted),
           (select count(*) from comments.posts where published and not deleted and slug not like 'bench-write-%'),
           (select count(*) from bench where parent_id is null),
           (select count(*) from bench where parent_id is not null),
           (select count(distinct author_id) from bench)")
[[ "$facts" == "20000 1000 20 40 10" ]] ||
    die "the comments part is not the data set: approved comments, projected posts, bench-post top-level, replies, authors = $facts (want 20000 1000 20 40 10)"
info "comments: 20000 approved, 1000 posts in the projection, bench-post 20 top-level + 40 replies by 10 users"
