#!/usr/bin/env python3
"""Inkwell's benchmark data set (BENCH.md), deterministic, as SQL on stdout.

Usage: dataset.py users [--password-hash-file PATH]
       dataset.py posts
       dataset.py comments

Each part is loaded through its own service's role (psql with that role's DATABASE_URL), so it
writes only into that schema. Parts so far: users (50 users with verified emails and the author
role, incl. `grace`); posts (30 tags, 1,000 published posts of about 2 KB of Markdown, 20 per
user, `bench-post` the 8th newest, and the blog's authors projection of the 50 users);
comments (the comments service's projection of the 1,000 posts, from the same generator, and
20,000 approved comments: `bench-post` exactly 20 top-level with 2 replies each by 10 distinct
users, the rest spread over the other posts, about a third of them replies).
Standard library only. Same input, same output: ids and timestamps derive from fixed seeds.
"""
import argparse
import datetime as dt
import hashlib
import os
import sys
import uuid

import posttext

USERNAMES = [
    "grace", "ada", "alan", "barbara", "edsger", "donald", "ken", "dennis", "margaret", "john",
    "frances", "niklaus", "tony", "leslie", "radia", "linus", "guido", "bjarne", "james", "anders",
    "katherine", "dorothy", "hedy", "sophie", "annie", "jean", "mary", "karen", "shafi", "sandi",
    "fran", "adele", "joan", "lynn", "evelyn", "ruth", "betty", "kathleen", "marlyn", "ida",
    "carol", "susan", "lois", "elizabeth", "judith", "yukihiro", "rob", "brian", "bill", "larry",
]
assert len(USERNAMES) == 50 and len(set(USERNAMES)) == 50

DISPLAY = {
    "grace": "Grace Hopper", "ada": "Ada Lovelace", "alan": "Alan Turing", "barbara": "Barbara Liskov",
    "edsger": "Edsger Dijkstra", "donald": "Donald Knuth", "ken": "Ken Thompson",
    "dennis": "Dennis Ritchie", "margaret": "Margaret Hamilton", "john": "John Backus",
}

# Users were created one a day from this moment on (before any post of the data set).
USERS_EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
# The newest post's time; the others follow one every POST_INTERVAL going back.
POSTS_NEWEST = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)
POST_INTERVAL = dt.timedelta(hours=3)
POST_COUNT = 1000
# The post the `post` scenarios read: the 8th newest, on the first page of the feed.
BENCH_POST_INDEX = 7
BENCH_POST_SLUG = "bench-post"
# Used when no hash file is given: no password matches it (load.sh always gives one).
PLACEHOLDER_PASSWORD_HASH = "!bench-placeholder: put the hash of the bench password in scripts/bench/password.hash"


def uuid7(ts: dt.datetime, seed: str) -> uuid.UUID:
    """A UUIDv7 whose time part is `ts` and whose random part is derived from `seed`."""
    ms = int(ts.timestamp() * 1000)
    rnd = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:10], "big")  # 80 bits
    rand_a = (rnd >> 62) & 0xFFF          # 12 bits
    rand_b = rnd & ((1 << 62) - 1)        # 62 bits
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return uuid.UUID(int=value)


def copy_escape(value) -> str:
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, (list, tuple)):
        value = "{" + ",".join(value) + "}"
    s = str(value)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_block(table: str, columns, rows) -> str:
    out = [f"COPY {table} ({', '.join(columns)}) FROM stdin;"]
    for row in rows:
        out.append("\t".join(copy_escape(v) for v in row))
    out.append("\\.")
    return "\n".join(out) + "\n"


def user_id(index: int) -> uuid.UUID:
    """The id of the bench user USERNAMES[index] (users.users.id; the blog's author_id)."""
    created = USERS_EPOCH + dt.timedelta(days=index)
    return uuid7(created, f"inkwell-bench:user:{USERNAMES[index]}")


def sql_literal(value) -> str:
    """A value as an SQL literal (standard_conforming_strings: only quotes are doubled)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        value = value.isoformat().replace("+00:00", "Z")
    if isinstance(value, (list, tuple)):
        return "ARRAY[" + ", ".join(sql_literal(v) for v in value) + "]::text[]"
    return "'" + str(value).replace("'", "''") + "'"


def users(password_hash: str) -> str:
    columns = ["id", "username", "email", "email_verified", "password_hash", "display_name", "bio",
               "roles", "version", "created_at", "updated_at"]
    rows = []
    for i, name in enumerate(USERNAMES):
        created = USERS_EPOCH + dt.timedelta(days=i)
        assert uuid7(created, f"inkwell-bench:user:{name}") == user_id(i)
        display = DISPLAY.get(name, name.rstrip("0123456789").capitalize())
        rows.append([
            uuid7(created, f"inkwell-bench:user:{name}"), name, f"{name}@bench.inkwell.test", True,
            password_hash, display, f"Bench user {i + 1} of 50: {display} writes about computing.",
            ["reader", "author"], 1, created, created,
        ])
    return "BEGIN;\n" + copy_block("users.users", columns, rows) + "COMMIT;\n"


def post_rows():
    """The 1,000 posts, newest first: post i is published POST_INTERVAL * i before POSTS_NEWEST
    and written by USERNAMES[i % 50], so every user (grace included) has exactly 20."""
    rows = []
    for i in range(POST_COUNT):
        rng = posttext.Rng(f"inkwell-bench:post:{i}")
        tag_indexes = []
        for _ in range(1 + rng.below(3)):
            tag = rng.below(len(posttext.TAGS))
            while tag in tag_indexes:
                tag = (tag + 1) % len(posttext.TAGS)
            tag_indexes.append(tag)
        number = POST_COUNT - i  # 1 for the oldest
        if i == BENCH_POST_INDEX:
            title = "Bench post"
        else:
            title = posttext.title(rng, tag_indexes, number)
        slug = posttext.slugify(title)
        markdown, html, plain = posttext.post_body(rng, tag_indexes)
        published = POSTS_NEWEST - POST_INTERVAL * i
        names = [posttext.TAGS[t][0] for t in tag_indexes]
        rows.append({
            "id": uuid7(published, f"inkwell-bench:post:{i}"), "author_id": user_id(i % len(USERNAMES)),
            "slug": slug, "title": title, "body_markdown": markdown, "body_html": html,
            "excerpt": posttext.excerpt(plain), "body_text": plain, "status": "published",
            "published_at": published, "created_at": published, "updated_at": published,
            "tag_slugs": [posttext.slugify(n) for n in names], "tag_names": names, "version": 1,
        })
    assert rows[BENCH_POST_INDEX]["slug"] == BENCH_POST_SLUG
    assert len({r["slug"] for r in rows}) == POST_COUNT
    assert all(len(r["slug"]) <= 80 and len(r["title"]) <= 200 for r in rows)
    assert sum(r["author_id"] == user_id(USERNAMES.index("grace")) for r in rows) == 20
    return rows


# The blog's search vector, as the service computes it (BLOG.md: title A, tags B, body text C).
SEARCH_VECTOR = ("setweight(to_tsvector('english', translate(title, '<>', '  ')), 'A') || "
                 "setweight(to_tsvector('english', translate(array_to_string(tag_names, ' '), '<>', '  ')), 'B') || "
                 "setweight(to_tsvector('english', translate(body_text, '<>', '  ')), 'C')")


def posts(_password_hash: str) -> str:
    """Tags, the authors projection and the posts, in one transaction, through the blog role.
    Posts go in with one INSERT … SELECT over VALUES, so `search` is computed by the same SQL
    expression the service uses, in the same statement (the role may not create temp tables)."""
    out = ["BEGIN;\n"]
    out.append("INSERT INTO blog.tags (slug, name) VALUES\n" + ",\n".join(
        f"({sql_literal(posttext.slugify(name))}, {sql_literal(name)})" for name, _, _ in posttext.TAGS)
        + "\nON CONFLICT (slug) DO NOTHING;\n")
    # What the blog would learn from users.events; a row the consumer already wrote is kept.
    out.append("INSERT INTO blog.authors (id, username, erased, version) VALUES\n" + ",\n".join(
        f"({sql_literal(str(user_id(i)))}, {sql_literal(name)}, false, 1)" for i, name in enumerate(USERNAMES))
        + "\nON CONFLICT (id) DO NOTHING;\n")
    columns = ["id", "author_id", "slug", "title", "body_markdown", "body_html", "excerpt", "body_text",
               "status", "published_at", "created_at", "updated_at", "tag_slugs", "tag_names", "version"]
    casts = {"id": "uuid", "author_id": "uuid", "published_at": "timestamptz", "created_at": "timestamptz",
             "updated_at": "timestamptz", "version": "bigint"}
    values = ",\n".join("(" + ", ".join(sql_literal(str(r[c]) if isinstance(r[c], uuid.UUID) else r[c])
                                         for c in columns) + ")" for r in post_rows())
    select = ", ".join(f"{c}::{casts[c]}" if c in casts else c for c in columns)
    out.append(f"INSERT INTO blog.posts ({', '.join(columns)}, search)\n"
               f"SELECT {select}, {SEARCH_VECTOR}\nFROM (VALUES\n{values}\n) AS v ({', '.join(columns)});\n")
    out.append("COMMIT;\n")
    return "".join(out)


# The comments part (BENCH.md): COMMENT_COUNT approved comments; bench-post's are fixed.
COMMENT_COUNT = 20000
BENCH_POST_TOP_LEVEL = 20
BENCH_POST_REPLIES = 2
BENCH_POST_USERS = 10
COMMENT_SENTENCES = [
    "Thanks, this is the clearest explanation of the planner I have read.",
    "We hit the same problem last year; bounding the pool fixed it for us.",
    "Did you measure it with the cache warm or cold?",
    "I would add that the deadline has to be set on the client too.",
    "Great write-up. The part about backpressure deserves its own post.",
    "How does this behave with two replicas behind the load balancer?",
    "Small typo in the second code block: the loop variable is never used.",
    "This matches what we saw in production, almost to the millisecond.",
    "Have you tried the same benchmark on a machine with more cores?",
    "I disagree a little: the simpler protocol wins only while the data set is small.",
]


def comment_body(rng) -> str:
    """One to three sentences, sometimes on two lines (line breaks are kept)."""
    parts = [COMMENT_SENTENCES[rng.below(len(COMMENT_SENTENCES))] for _ in range(1 + rng.below(3))]
    return ("\n" if rng.below(4) == 0 else " ").join(parts)


def comment_rows(posts_rows):
    """The 20,000 comments, parents before their replies: (id, post_id, parent_id, author_id,
    body, created_at). bench-post's top-level comment k (k = 0..19) is by user k % 10, its two
    replies by the next two users; the other posts get 19 or 20 each (19,940 in all), a comment
    after the first of its post replying to an earlier one of that post one time in three."""
    rows = []
    bench = posts_rows[BENCH_POST_INDEX]
    start = bench["published_at"]
    for k in range(BENCH_POST_TOP_LEVEL):
        rng = posttext.Rng(f"inkwell-bench:comment:bench:{k}")
        created = start + dt.timedelta(hours=k + 1)
        top = uuid7(created, f"inkwell-bench:comment:bench:{k}")
        rows.append((top, bench["id"], None, user_id(k % BENCH_POST_USERS), comment_body(rng), created))
        for r in range(BENCH_POST_REPLIES):
            at = created + dt.timedelta(minutes=10 * (r + 1))
            rows.append((uuid7(at, f"inkwell-bench:comment:bench:{k}:{r}"), bench["id"], top,
                         user_id((k + r + 1) % BENCH_POST_USERS), comment_body(rng), at))
    others = [p for i, p in enumerate(posts_rows) if i != BENCH_POST_INDEX]
    remaining = COMMENT_COUNT - len(rows)
    per_post, extra = divmod(remaining, len(others))
    for i, post in enumerate(others):
        rng = posttext.Rng(f"inkwell-bench:comments:{post['id']}")
        ids = []
        for m in range(per_post + (1 if i < extra else 0)):
            created = post["published_at"] + dt.timedelta(minutes=7 * (m + 1))
            cid = uuid7(created, f"inkwell-bench:comment:{post['id']}:{m}")
            parent = ids[rng.below(len(ids))] if ids and rng.below(3) == 0 else None
            rows.append((cid, post["id"], parent, user_id(rng.below(len(USERNAMES))), comment_body(rng), created))
            ids.append(cid)
    assert len(rows) == COMMENT_COUNT and len({r[0] for r in rows}) == COMMENT_COUNT
    bench_rows = [r for r in rows if r[1] == bench["id"]]
    assert len(bench_rows) == 60 and sum(r[2] is None for r in bench_rows) == 20
    assert len({r[3] for r in bench_rows}) == BENCH_POST_USERS
    return rows


def comments(_password_hash: str) -> str:
    """The comments service's projection of the posts and the comments, in one transaction,
    through the comments role (COPY; the projection row a consumer already wrote is kept)."""
    posts_rows = post_rows()
    out = ["BEGIN;\n"]
    out.append("INSERT INTO comments.posts (id, slug, author_id, published, deleted, version) VALUES\n" + ",\n".join(
        f"({sql_literal(str(p['id']))}, {sql_literal(p['slug'])}, {sql_literal(str(p['author_id']))}, true, false, 1)"
        for p in posts_rows) + "\nON CONFLICT (id) DO NOTHING;\n")
    columns = ["id", "post_id", "parent_id", "author_id", "body", "status", "deleted", "version", "created_at"]
    out.append(copy_block("comments.comments", columns, (
        [cid, post, parent, author, body, "approved", False, 1, created]
        for cid, post, parent, author, body, created in comment_rows(posts_rows))))
    out.append("COMMIT;\n")
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["users", "posts", "comments"])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--password-hash-file", default=os.path.join(here, "password.hash"))
    args = parser.parse_args()
    password_hash = PLACEHOLDER_PASSWORD_HASH
    if os.path.exists(args.password_hash_file):
        with open(args.password_hash_file, encoding="utf-8") as f:
            password_hash = f.read().strip()
    elif args.part == "users":
        print(f"dataset.py: {args.password_hash_file} not found, using a placeholder password hash "
              "(logins will fail)", file=sys.stderr)
    sys.stdout.write({"users": users, "posts": posts, "comments": comments}[args.part](password_hash))
    return 0


if __name__ == "__main__":
    sys.exit(main())
