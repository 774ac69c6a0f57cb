#!/usr/bin/env python3
"""Checks that the posts part of the data set stores what the blog service would: each post's
`body_html` and `body_text` (and so its excerpt) against libcmark-gfm itself, through ctypes,
with the service's options (CMARK_OPT_DEFAULT; the table, strikethrough, autolink and tasklist
extensions; links marked rel="nofollow noopener"; plain text as InkwellMarkdown extracts it).

Usage: scripts/bench/check-posttext.py   (needs libcmark-gfm-dev and libcmark-gfm-extensions-dev;
exits 1 on the first mismatch). Run it after changing posttext.py.
"""
import ctypes
import difflib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dataset  # noqa: E402

core = ctypes.CDLL("libcmark-gfm.so")
extensions = ctypes.CDLL("libcmark-gfm-extensions.so")
extensions.cmark_gfm_core_extensions_ensure_registered()
P = ctypes.c_void_p
for name, restype, argtypes in [
    ("cmark_parser_new", P, [ctypes.c_int]),
    ("cmark_find_syntax_extension", P, [ctypes.c_char_p]),
    ("cmark_parser_attach_syntax_extension", ctypes.c_int, [P, P]),
    ("cmark_parser_feed", None, [P, ctypes.c_char_p, ctypes.c_size_t]),
    ("cmark_parser_finish", P, [P]),
    ("cmark_parser_get_syntax_extensions", P, [P]),
    ("cmark_render_html", ctypes.c_char_p, [P, ctypes.c_int, P]),
    ("cmark_iter_new", P, [P]),
    ("cmark_iter_next", ctypes.c_int, [P]),
    ("cmark_iter_get_node", P, [P]),
    ("cmark_node_get_type", ctypes.c_int, [P]),
    ("cmark_node_get_literal", ctypes.c_char_p, [P]),
]:
    getattr(core, name).restype = restype
    getattr(core, name).argtypes = argtypes

# cmark-gfm's node types (cmark-gfm.h): blocks 0x8000 | n, inlines 0xc000 | n.
TYPE_MASK, BLOCK = 0xC000, 0x8000
LITERALS = {BLOCK | 5, BLOCK | 6, 0xC000 | 1, 0xC000 | 4, 0xC000 | 5}  # code/html block, text, code, html inline
BREAKS = {0xC000 | 2, 0xC000 | 3}  # soft and hard line breaks
EVENT_DONE, EVENT_ENTER = 1, 2


def parse(markdown: str):
    parser = core.cmark_parser_new(0)
    for name in [b"table", b"strikethrough", b"autolink", b"tasklist"]:
        core.cmark_parser_attach_syntax_extension(parser, core.cmark_find_syntax_extension(name))
    data = markdown.encode()
    core.cmark_parser_feed(parser, data, len(data))
    return parser, core.cmark_parser_finish(parser)


def html(markdown: str) -> str:
    parser, root = parse(markdown)
    rendered = core.cmark_render_html(root, 0, core.cmark_parser_get_syntax_extensions(parser)).decode()
    return rendered.replace('<a href="', '<a rel="nofollow noopener" href="')


def plain_text(markdown: str) -> str:
    _, root = parse(markdown)
    iterator, out, pending = core.cmark_iter_new(root), bytearray(), False
    while (event := core.cmark_iter_next(iterator)) != EVENT_DONE:
        node = core.cmark_iter_get_node(iterator)
        kind = core.cmark_node_get_type(node)
        if kind in LITERALS:
            if event != EVENT_ENTER:
                continue
            for byte in core.cmark_node_get_literal(node) or b"":
                if byte in b" \t\n\x0b\x0c\r":
                    pending = bool(out)
                else:
                    if pending:
                        out.append(0x20)
                        pending = False
                    out.append(byte)
        elif kind in BREAKS or kind & TYPE_MASK == BLOCK:
            pending = bool(out)
    return out.decode()


def main() -> int:
    rows = dataset.post_rows()
    for row in rows:
        for column, expected in [("body_html", html(row["body_markdown"])),
                                 ("body_text", plain_text(row["body_markdown"]))]:
            if row[column] != expected:
                print(f"{row['slug']}: {column} differs from libcmark-gfm's", file=sys.stderr)
                sys.stderr.writelines(difflib.unified_diff(expected.splitlines(True), row[column].splitlines(True),
                                                           "libcmark-gfm", "dataset.py"))
                return 1
    print(f"{len(rows)} posts: body_html and body_text as libcmark-gfm renders them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
