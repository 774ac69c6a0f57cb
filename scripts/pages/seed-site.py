#!/usr/bin/env python3
"""Writes a small real site through a running stack's public API, for check-pages.sh:

    seed-site.py GATEWAY_URL MAIL_DIR ADMIN_EMAIL COMMENTS_URL

Registers an admin (ADMIN_EMAIL is the stack's BOOTSTRAP_ADMIN_EMAIL) and a reader, verifies
both from the verification mails in MAIL_DIR (the users service's .eml files), publishes two
posts in Markdown (headings, a list, code, a link; tags), writes a comment thread on the first
(the reader's comment pending, then approved by the admin; replies nested two deep), then waits
until the gateway serves the post page with the whole thread. Prints one line for the caller:
    POST_PATH TAG_PATH AUTHOR_PATH
Standard library only; exits non-zero with a message on any failure.
"""
import email
import email.policy
import glob
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

PASSWORD = "correct-horse-battery"
DEADLINE_SECONDS = 30

POST_BODY = """An index is a promise the planner may or may not keep. This post walks through how
PostgreSQL chooses between a *sequential scan* and an **index scan**, and what you can do when it
chooses wrong.

## What the planner estimates

For every candidate plan the planner adds up a cost:

- the pages it expects to read, sequentially or at random;
- the rows it expects to process, and the operators applied to each;
- the rows it expects to return, from the column statistics.

### Refreshing the statistics

After a bulk load the statistics are stale; refresh them before you judge a plan:

```sql
VACUUM ANALYZE posts;
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM posts WHERE author_id = $1;
```

1. Run the query with `EXPLAIN (ANALYZE)`.
2. Compare the estimated rows with the actual rows.
3. If they differ by an order of magnitude, look at the statistics first.

The [PostgreSQL documentation on the planner](https://www.postgresql.org/docs/current/planner-optimizer.html)
says more, and is worth the read.

> Measure first: a plan that looks slow on paper is often the fastest one on the data you have.
"""

SECOND_BODY = """Short notes on reading `EXPLAIN` output.

## The shape of a plan

Read a plan from the inside out: the most indented node runs first.
"""


def request(base, method, path, body=None, token=None, expect=(200, 201)):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status not in expect:
        sys.exit(f"seed-site: {method} {path} answered {status}: {text}")
    return json.loads(text) if text else {}


def verification_token(mail_dir, address):
    """The token of the newest verification mail to `address` (polled: mail is sent after the 201)."""
    deadline = time.time() + DEADLINE_SECONDS
    while time.time() < deadline:
        for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml")), key=os.path.getmtime, reverse=True):
            with open(path, "rb") as file:
                message = email.message_from_binary_file(file, policy=email.policy.default)
            if address not in str(message.get("To", "")):
                continue
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    found = re.search(r"verify-email\?token=([A-Za-z0-9_-]+)", part.get_content())
                    if found:
                        return found.group(1)
        time.sleep(0.2)
    sys.exit(f"seed-site: no verification mail to {address} in {mail_dir}")


def account(base, mail_dir, address, username, display_name):
    request(base, "POST", "/api/v1/auth/register",
            {"email": address, "username": username, "password": PASSWORD, "displayName": display_name})
    request(base, "POST", "/api/v1/auth/verify-email", {"token": verification_token(mail_dir, address)})
    return request(base, "POST", "/api/v1/auth/login", {"login": username, "password": PASSWORD})["accessToken"]


def wait_for_page(base, path, texts):
    deadline = time.time() + DEADLINE_SECONDS
    missing = texts
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                html = response.read().decode()
            missing = [t for t in texts if t not in html]
            if not missing:
                return
        except urllib.error.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"seed-site: {path} does not show {missing} within {DEADLINE_SECONDS} s")


def main():
    base, mail_dir, admin_email, comments = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4].rstrip("/")
    ada = account(base, mail_dir, admin_email, "ada", "Ada Lovelace")
    bob = account(base, mail_dir, "bob@example.org", "bob", "Bob Hill")

    request(base, "POST", "/api/v1/posts", {"title": "Reading EXPLAIN", "body": SECOND_BODY,
                                            "tags": ["PostgreSQL"], "status": "published"}, ada)
    post = request(base, "POST", "/api/v1/posts", {
        "title": "How the query planner chooses an index", "body": POST_BODY,
        "tags": ["PostgreSQL", "Performance"], "status": "published"}, ada)
    slug = post["slug"]

    # The reader's first comment waits for moderation; approved, it makes the reader trusted.
    # The comments service learns of the post from blog.events: its comments answer 404 until
    # it has (polled with GETs on the service itself: a refused POST would count against the
    # rate limit, and the gateway may cache the 404).
    deadline = time.time() + DEADLINE_SECONDS
    while request(comments, "GET", f"/api/v1/posts/{slug}/comments", expect=(200, 404)).get("status") == 404:
        if time.time() > deadline:
            sys.exit(f"seed-site: the comments service never learnt of the post {slug}")
        time.sleep(0.1)
    first = request(base, "POST", f"/api/v1/posts/{slug}/comments", {
        "body": "Thanks, this cleared up a lot.\nDoes the same hold for partial indexes? See https://example.org/partial"}, bob)
    if first["status"] != "pending":
        sys.exit(f"seed-site: a new reader's comment is {first['status']}, not pending")
    request(base, "POST", f"/api/v1/comments/{first['id']}/approve", {}, ada)
    reply = request(base, "POST", f"/api/v1/posts/{slug}/comments", {
        "body": "It does: the planner only considers a partial index when the query implies its predicate.",
        "parentId": first["id"]}, ada)
    request(base, "POST", f"/api/v1/posts/{slug}/comments", {
        "body": "That explains the plan I saw. Thank you!", "parentId": reply["id"]}, bob)
    request(base, "POST", f"/api/v1/posts/{slug}/comments", {
        "body": "A follow-up post on join order would be great."}, bob)

    post_path = f"/posts/{slug}/"
    wait_for_page(base, post_path, ["Does the same hold for partial indexes?", "the planner only considers",
                                    "That explains the plan I saw.", "join order would be great"])
    wait_for_page(base, "/", ["How the query planner chooses an index", "Reading EXPLAIN"])
    tag_slug = post["tags"][0]["slug"]
    print(f"{post_path} /tags/{tag_slug}/ /authors/ada/")


if __name__ == "__main__":
    main()
