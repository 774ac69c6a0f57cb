#!/usr/bin/env python3
"""The `comment-to-page` scenario of make bench (called by scripts/bench.sh against the running
stack): the time from a comment's commit to the post page file that shows it.

    comment-to-page.py GATEWAY_URL PAGES_DIR [COUNT]

COUNT [20] comments on bench-post, one after the other, each by the next bench user
(BENCH_TOKENS: their access tokens, comma-separated; each already has approved comments, so a
plain comment is approved at once). A comment's clock starts when the gateway answers 201 (the
row and its outbox event are committed by then) and stops when PAGES_DIR/posts/bench-post/
index.html contains the comment's body (polled every 2 ms). Bodies start "Bench comment " so
load.sh removes them before the next run. A 429 (the comment scenario just used up the
accounts' limit) is retried after its Retry-After, outside the clock. Prints:
    comment-to-page p50=…ms p95=…ms max=…ms (n=…)
Standard library only.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

DEADLINE_SECONDS = 10


def post_comment(base, token, body):
    request = urllib.request.Request(
        base + "/api/v1/posts/bench-post/comments", method="POST",
        data=json.dumps({"body": body}).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response), 0
    except urllib.error.HTTPError as error:
        if error.code == 429:
            return 429, error.headers.get("Retry-After", ""), 0
        return error.code, error.read().decode(), 0


def page_shows(path, marker):
    try:
        with open(path, "rb") as file:
            return marker in file.read()
    except FileNotFoundError:
        return False


def main():
    base, pages = sys.argv[1].rstrip("/"), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    tokens = [t for t in os.environ.get("BENCH_TOKENS", "").split(",") if t]
    if not tokens:
        sys.exit("comment-to-page: no BENCH_TOKENS")
    path = os.path.join(pages, "posts", "bench-post", "index.html")
    run = str(int(time.time()))
    latencies = []
    for i in range(count):
        body = f"Bench comment c2p-{run}-{i}: the page should show this within two seconds."
        status, answer, waited = post_comment(base, tokens[i % len(tokens)], body)
        while status == 429 and waited < 90:
            # The comment scenario, just before, used up the accounts' limit (5 a minute).
            pause = float(answer) if answer else 5.0
            time.sleep(pause)
            waited += pause
            status, answer, _ = post_comment(base, tokens[i % len(tokens)], body)
        committed = time.monotonic()
        if status != 201 or answer.get("status") != "approved":
            sys.exit(f"comment-to-page: comment {i} answered {status}: {answer}")
        marker = f"c2p-{run}-{i}:".encode()
        while not page_shows(path, marker):
            if time.monotonic() - committed > DEADLINE_SECONDS:
                sys.exit(f"comment-to-page: comment {i} not on {path} after {DEADLINE_SECONDS} s")
            time.sleep(0.002)
        latencies.append((time.monotonic() - committed) * 1000)
        time.sleep(0.1)  # one comment at a time: each one's own latency, not a burst's
    values = sorted(latencies)
    pct = lambda p: values[min(len(values) - 1, int(p * len(values)))]
    print(f"comment-to-page p50={pct(0.5):.0f}ms p95={pct(0.95):.0f}ms max={values[-1]:.0f}ms (n={len(values)})")


if __name__ == "__main__":
    main()
