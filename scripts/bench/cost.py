#!/usr/bin/env python3
"""The `cost` scenario of make bench (called by scripts/bench.sh against the running stack).

Where the CPU of a composed read without the cache goes, and how far its ratio to the direct read
behind it can go. For each of feed, post and profile it runs wrk against:
  - the composed read on the gateway without its cache (`*-nocache`),
  - the direct read behind it (`direct-*`),
  - each other part the gateway asks for, alone, on its own service, with the ids the gateway
    sends (users by ids, comment counts, the comments thread, the author's posts),
and reads each process's CPU time (/proc/PID/stat, user + system) before and after: CPU
microseconds per request, by process, PostgreSQL's backends summed. wrk's own CPU is not counted.

Then the bound: a composed read needs its direct read and every other part, so its CPU per request
is at least the sum of theirs (each measured alone, at full load, where a service is at its most
efficient). Even with a gateway that cost nothing, its req/s can be at most
direct / (direct + parts) of the direct read's on a CPU-bound machine.

Prints one line per measured read and one per composed read:
  cost NAME req/s=… gateway=…us users=…us blog=…us comments=…us postgres=…us total=…us
  bound NAME direct=…us parts=…us at_most=…% measured=…% (cpu/request ratio) target=40%

Usage: cost.py GATEWAY_NOCACHE_URL USERS_URL BLOG_URL COMMENTS_URL
Environment: BENCH_HOME (run/*.pid, postgres/postmaster.pid), NOCACHE_PID, BENCH_COST_WARMUP [3s],
BENCH_COST_DURATION [10s], BENCH_CONNECTIONS [32], BENCH_THREADS [2].
"""
import json
import os
import re
import subprocess
import sys
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            # The command name (field 2) may hold spaces: split after its closing parenthesis.
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0


def postgres_pids(postmaster):
    """The postmaster and its children (the backends, the checkpointer, ...)."""
    pids = [postmaster]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == postmaster:
                        pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return pids


def snapshot(processes, postmaster):
    ticks = {name: cpu_ticks(pid) for name, pid in processes.items()}
    ticks["postgres"] = sum(cpu_ticks(pid) for pid in postgres_pids(postmaster))
    return ticks


def wrk(url, duration):
    threads = os.environ.get("BENCH_THREADS", "2")
    connections = os.environ.get("BENCH_CONNECTIONS", "32")
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", url], capture_output=True, text=True, check=True
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    return requests, rps, int(bad.group(1)) if bad else 0


def measure(name, url, processes, postmaster):
    """CPU µs per request by process over one wrk run; prints and returns its total."""
    wrk(url, os.environ.get("BENCH_COST_WARMUP", "3s"))
    before = snapshot(processes, postmaster)
    requests, rps, bad = wrk(url, os.environ.get("BENCH_COST_DURATION", "10s"))
    after = snapshot(processes, postmaster)
    if bad:
        print(f"cost: {name}: {bad} answers were not 2xx ({url})", file=sys.stderr)
    us = {k: (after[k] - before[k]) * 1_000_000 / TICKS / max(requests, 1) for k in after}
    total = sum(us.values())
    parts = " ".join(f"{k}={us[k]:.0f}us" for k in ["gateway", "users", "blog", "comments", "postgres"])
    print(f"cost {name} req/s={rps:.0f} {parts} total={total:.0f}us", flush=True)
    return total


def bound(name, direct, parts, composed):
    at_most = 100 * direct / (direct + sum(parts))
    measured = 100 * direct / composed
    print(
        f"bound {name} direct={direct:.0f}us parts={sum(parts):.0f}us at_most={at_most:.1f}% "
        f"measured={measured:.1f}% target=40%",
        flush=True,
    )


def main():
    gateway, users, blog, comments = sys.argv[1:5]
    home = os.environ["BENCH_HOME"]

    def pid(name):
        with open(f"{home}/run/{name}.pid") as f:
            return int(f.read().split()[0])

    processes = {"users": pid("users"), "blog": pid("blog"), "comments": pid("comments"), "gateway": int(os.environ["NOCACHE_PID"])}
    with open(f"{home}/postgres/postmaster.pid") as f:
        postmaster = int(f.readline())

    # The ids the gateway sends, from the same answers it reads.
    feed = get_json(f"{blog}/api/v1/posts?limit=20")["items"]
    feed_authors = ",".join(dict.fromkeys(item["authorId"] for item in feed))
    feed_posts = ",".join(item["id"] for item in feed)
    post = get_json(f"{blog}/api/v1/posts/bench-post")
    thread = get_json(f"{comments}/api/v1/posts/bench-post/comments")["items"]
    people = [post["authorId"]]
    for comment in thread:
        people.append(comment["authorId"])
        people.extend(reply["authorId"] for reply in comment.get("replies", []))
    post_people = ",".join(dict.fromkeys(people))

    def run(name, url):
        return measure(name, url, processes, postmaster)

    composed = run("feed-nocache", f"{gateway}/api/v1/posts?limit=20")
    direct = run("direct-feed", f"{blog}/api/v1/posts?limit=20")
    parts = [
        run(f"part-users-by-ids({feed_authors.count(',') + 1})", f"{users}/internal/v1/users?ids={feed_authors}"),
        run("part-comment-counts(20)", f"{comments}/internal/v1/comment-counts?postIds={feed_posts}"),
    ]
    bound("feed", direct, parts, composed)

    composed = run("post-nocache", f"{gateway}/api/v1/posts/bench-post")
    direct = run("direct-post", f"{blog}/api/v1/posts/bench-post")
    parts = [
        run("part-comments-thread", f"{comments}/api/v1/posts/bench-post/comments"),
        run(f"part-users-by-ids({post_people.count(',') + 1})", f"{users}/internal/v1/users?ids={post_people}"),
    ]
    bound("post", direct, parts, composed)

    composed = run("profile-nocache", f"{gateway}/api/v1/users/grace")
    direct = run("direct-profile", f"{users}/api/v1/users/grace")
    parts = [run("part-posts-by-author(10)", f"{blog}/api/v1/posts?author=grace&limit=10")]
    bound("profile", direct, parts, composed)


if __name__ == "__main__":
    main()
