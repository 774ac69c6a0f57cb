#!/usr/bin/env python3
"""Writes a Hugo site of the bench data set's 1,000 posts (dataset.py's post_rows: the same
titles, dates, tags, authors and Markdown bodies) to DIR, for the `rebuild` scenario's
comparison (scripts/bench/rebuild.sh times `hugo` building it):

    hugo-site.py DIR

A minimal layout of our own, close to what Inkwell renders: a post page (title, author, date,
tags, body), paginated lists of 20 for the home page, the tag pages and the tag index, Hugo's own
RSS and sitemap. No comments: a static generator has no comment data. Standard library only.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import USERNAMES, DISPLAY, post_rows, user_id  # noqa: E402

CONFIG = """baseURL = "http://127.0.0.1/"
languageCode = "en"
title = "Inkwell (Hugo)"
paginate = 20
[taxonomies]
  tag = "tags"
[markup.goldmark.renderer]
  unsafe = false
"""

BASEOF = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}"><meta property="og:url" content="{{ .Permalink }}">
</head>
<body><header><a href="/">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
"""

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>By {{ .Params.author }} · <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ol>
{{ range .Paginator.Pages }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Params.author }} · {{ .Date.Format "2 January 2006" }}</p><p>{{ .Summary | plainify | truncate 200 }}</p></li>
{{ end }}</ol>
{{ with .Paginator.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} {{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}{{ end }}
"""


def quoted(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    root = sys.argv[1]
    for folder in ("content/posts", "layouts/_default"):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    files = {"hugo.toml": CONFIG, "layouts/_default/baseof.html": BASEOF, "layouts/_default/single.html": SINGLE,
             "layouts/_default/list.html": LIST, "layouts/index.html": LIST}
    for name, text in files.items():
        with open(os.path.join(root, name), "w") as file:
            file.write(text)
    names = {user_id(i): DISPLAY.get(name, name) for i, name in enumerate(USERNAMES)}
    rows = post_rows()
    for row in rows:
        front = ["---", f"title: {quoted(row['title'])}", f"slug: {quoted(row['slug'])}",
                 f"date: {row['published_at'].isoformat()}", f"author: {quoted(names[row['author_id']])}",
                 "tags: [" + ", ".join(quoted(t) for t in row["tag_names"]) + "]", "---", ""]
        with open(os.path.join(root, "content", "posts", row["slug"] + ".md"), "w") as file:
            file.write("\n".join(front) + row["body_markdown"] + "\n")
    print(f"hugo site: {len(rows)} posts in {root}")


if __name__ == "__main__":
    main()
