#!/usr/bin/env python3
"""Writes a realistic ~20 KB post page to PAGES_DIR/posts/bench-post/index.html for the `page`
and `page-direct` scenarios, unless a rendered one is there already (then it is left alone)."""
import os
import sys

root = sys.argv[1]
path = os.path.join(root, "posts", "bench-post", "index.html")
if os.path.exists(path):
    print(f"bench page: {path} exists (rendered), kept")
    sys.exit(0)
paragraph = ("<p>Query planners choose between sequential and index scans by estimating the cost of each; "
             "after a bulk load, <code>VACUUM ANALYZE</code> refreshes the statistics they rely on, and the "
             "visibility map lets an index-only scan skip the heap for pages that are all-visible.</p>\n")
comments = "".join(
    f'<li class="comment" id="c-{i}"><p class="meta">Reader {i} · <time datetime="2026-11-30T10:{i:02d}:00Z">30 November 2026</time></p>'
    f"<p>Comment number {i}: thanks for the write-up, the part about statistics was new to me.</p></li>\n"
    for i in range(30))
html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bench post · Inkwell</title>
<link rel="canonical" href="http://127.0.0.1/posts/bench-post/">
<link rel="stylesheet" href="/assets/style.css">
<meta property="og:title" content="Bench post">
<meta property="og:description" content="The post the benchmark reads.">
<meta property="og:url" content="http://127.0.0.1/posts/bench-post/">
</head>
<body>
<header class="site"><a class="site-name" href="/">Inkwell</a></header>
<main>
<article class="post"><h1>Bench post</h1>
<p class="meta">by <a href="/authors/grace/">Grace Hopper</a> · <time datetime="2026-11-30T09:00:00Z">30 November 2026</time></p>
<div class="body">
{paragraph * 40}</div></article>
<section class="comments" id="comments"><h2>30 comments</h2><ol class="thread">
{comments}</ol></section>
</main>
</body>
</html>
"""
os.makedirs(os.path.dirname(path), exist_ok=True)
temporary = path + ".tmp"
with open(temporary, "w") as file:
    file.write(html)
os.rename(temporary, path)
print(f"bench page: wrote {path} ({len(html.encode())} bytes)")
