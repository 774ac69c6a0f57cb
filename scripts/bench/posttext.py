"""The bench posts' text: Markdown, and from the same structure the HTML and plain text the blog
service would store for it (used by dataset.py; standard library only).

The blog renders Markdown with cmark-gfm (InkwellMarkdown), which Python cannot call. So each
post is built as a list of blocks (headings, paragraphs, a list, a code block, inline code and
links) and written out three ways:
- Markdown, using only syntax with one reading: no raw HTML, no emphasis, no bare URLs or e-mail
  addresses (the autolink extension), no `|` (tables), no `~` (strikethrough);
- HTML exactly as cmark-gfm writes it with the service's options (`CMARK_OPT_DEFAULT`, links
  marked `rel="nofollow noopener"`), text escaped as cmark escapes it (`& < > "`);
- plain text as the service extracts it (literals of text, inline code and code blocks, a link's
  text not its URL, one space between blocks, whitespace runs collapsed), and the excerpt the
  service cuts from it (first 200 characters, at the last space among the last 30, then `…`).
"""
import hashlib


class Rng:
    """A small deterministic generator (SplitMix64 seeded from a string): the same on every
    Python version, unlike `random`'s methods other than random()."""

    def __init__(self, seed: str):
        self.state = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next() % n

    def pick(self, items):
        return items[self.below(len(items))]


# The 30 tags: display name, the words a post with that tag talks about, its code block's language.
TAGS = [
    ("Swift", ["actor", "protocol", "generic", "closure", "sendable type"], "swift"),
    ("PostgreSQL", ["vacuum", "planner", "index", "replica", "transaction"], "sql"),
    ("Distributed Systems", ["consensus", "partition", "quorum", "replica", "clock"], None),
    ("Compilers", ["parser", "lexer", "optimizer", "register", "bytecode"], None),
    ("Databases", ["index", "transaction", "schema", "query", "isolation level"], "sql"),
    ("Networking", ["socket", "packet", "bandwidth", "handshake", "router"], None),
    ("Security", ["token", "signature", "certificate", "sandbox", "secret"], None),
    ("Testing", ["fixture", "assertion", "mock", "coverage report", "regression"], None),
    ("Performance", ["latency", "throughput", "profiler", "cache", "allocation"], None),
    ("Concurrency", ["thread", "lock", "actor", "deadlock", "scheduler"], None),
    ("Linux", ["kernel", "syscall", "process", "filesystem", "cgroup"], "bash"),
    ("Kafka", ["topic", "partition", "offset", "consumer group", "broker"], None),
    ("Web", ["browser", "cookie", "request", "response", "header"], None),
    ("APIs", ["endpoint", "pagination", "cursor", "version", "contract"], None),
    ("Observability", ["metric", "trace", "log line", "dashboard", "alert"], None),
    ("Rust", ["borrow checker", "lifetime", "trait", "ownership", "crate"], "rust"),
    ("Go", ["goroutine", "channel", "interface", "module", "garbage collector"], "go"),
    ("Python", ["interpreter", "generator", "decorator", "package", "notebook"], "python"),
    ("Algorithms", ["sorting", "graph", "heap", "recursion", "complexity"], None),
    ("Data Structures", ["tree", "hash table", "queue", "stack", "array"], None),
    ("Functional Programming", ["closure", "monad", "immutability", "fold", "lambda"], None),
    ("Type Systems", ["inference", "variance", "generic", "subtype", "soundness"], None),
    ("Operating Systems", ["kernel", "scheduler", "page table", "interrupt", "file descriptor"], None),
    ("Cloud", ["region", "container", "instance", "bucket", "autoscaler"], None),
    ("DevOps", ["pipeline", "deployment", "rollback", "container", "configuration"], "bash"),
    ("Machine Learning", ["model", "gradient", "dataset", "training run", "embedding"], "python"),
    ("History of Computing", ["mainframe", "punch card", "transistor", "pioneer", "compiler"], None),
    ("Career", ["mentor", "interview", "team", "promotion", "feedback"], None),
    ("Open Source", ["maintainer", "license", "contributor", "release", "fork"], None),
    ("Design", ["typography", "layout", "colour", "interface", "prototype"], None),
]
assert len(TAGS) == 30 and len({name for name, _, _ in TAGS}) == 30

NOUNS = ["service", "request", "deadline", "budget", "design", "failure", "team", "benchmark",
         "user", "release", "machine", "server", "client", "system", "workload", "record",
         "document", "change", "build", "cluster", "review", "incident", "library", "default"]
VERBS = ["shapes", "limits", "hides", "exposes", "reorders", "protects", "slows down", "simplifies",
         "improves", "duplicates", "validates", "drops", "retries", "outlives", "explains"]
BASE_VERBS = ["tune", "measure", "rewrite", "document", "review", "test", "profile", "split",
              "trust", "monitor", "replace", "question"]
ADJECTIVES = ["small", "careful", "predictable", "fast", "slow", "fragile", "robust", "simple",
              "hidden", "shared", "bounded", "noisy", "quiet", "stable", "expensive", "cheap"]
OPENERS = ["Usually", "In practice", "Surprisingly", "Often", "At scale", "In our experience",
           "Over time", "On a busy day", "More than once", "Looking back"]
TITLE_OPENERS = ["Notes on", "Rethinking", "A field guide to", "What I learned about", "Measuring",
                 "Living with", "The case for", "Debugging", "Understanding", "Taming"]
TITLE_JOINS = ["and", "versus", "beyond", "without", "with", "after"]
IDENTIFIERS = ["pool", "rows", "batch", "cursor", "limit", "retry_after", "max_connections",
               "deadline", "result", "events", "buffer", "queue_depth"]

CODE = {
    "swift": "let {a} = try await client.{b}(limit: 20)\nfor item in {a} where item.{c} > 0 {{\n"
             "    print(item.id, item.{c})\n}}\n",
    "sql": "SELECT id, {a}, {b}\nFROM events\nWHERE {c} > now() - interval '1 day'\n"
           "ORDER BY id DESC\nLIMIT 20;\n",
    "bash": "for f in logs/*.log; do\n    grep -c '{a}' \"$f\" && wc -l \"$f\"\ndone > {b}.txt\n"
            "sort -n {b}.txt | tail -3\n",
    "rust": "fn {a}(items: &[Item]) -> usize {{\n    items.iter().filter(|i| i.{b} > 0 && i.{c}).count()\n}}\n",
    "go": "func {a}(ctx context.Context, items []Item) (n int) {{\n    for _, it := range items {{\n"
          "        if it.{b} > 0 {{\n            n++\n        }}\n    }}\n    return n\n}}\n",
    "python": "def {a}(items):\n    total = sum(i.{b} for i in items if i.{c} > 0)\n"
              "    return total / max(len(items), 1)\n",
    "text": "{a}: 20\n{b}: 250 ms\n{c}: on <retry>\n",
}

# Lengths the excerpt uses (RenderedMarkdown.excerpt: Characters; ASCII text here).
EXCERPT_LENGTH = 200
EXCERPT_WINDOW = 30


def html_escape(text: str) -> str:
    """Text as cmark-gfm's HTML renderer escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def slugify(text: str) -> str:
    """The blog's slug of an ASCII title or tag name: lower case, runs of other characters → `-`."""
    out, dash = [], False
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            if dash and out:
                out.append("-")
            out.append(ch)
            dash = False
        else:
            dash = True
    return "".join(out)


def excerpt(plain: str) -> str:
    """RenderedMarkdown.excerpt(maxLength: 200) for ASCII text."""
    if len(plain) <= EXCERPT_LENGTH:
        return plain
    hard = EXCERPT_LENGTH - 1
    cut = hard
    if plain[hard] != " ":
        for candidate in range(hard - 1, max(hard - EXCERPT_WINDOW, 0) - 1, -1):
            if plain[candidate] == " ":
                cut = candidate
                break
    return plain[:cut].rstrip(" ") + "…"


class Inline:
    """A run of inline content: ("text", s) | ("code", s) | ("link", text, url)."""

    def __init__(self):
        self.parts = []

    def text(self, s):
        self.parts.append(("text", s))
        return self

    def code(self, s):
        self.parts.append(("code", s))
        return self

    def link(self, s, url):
        self.parts.append(("link", s, url))
        return self

    def markdown(self) -> str:
        out = []
        for part in self.parts:
            if part[0] == "text":
                out.append(part[1])
            elif part[0] == "code":
                out.append(f"`{part[1]}`")
            else:
                out.append(f"[{part[1]}]({part[2]})")
        return "".join(out)

    def html(self) -> str:
        out = []
        for part in self.parts:
            if part[0] == "text":
                out.append(html_escape(part[1]))
            elif part[0] == "code":
                out.append(f"<code>{html_escape(part[1])}</code>")
            else:
                out.append(f'<a rel="nofollow noopener" href="{part[2]}">{html_escape(part[1])}</a>')
        return "".join(out)

    def plain(self) -> str:
        return "".join(part[1] for part in self.parts)


class Writer:
    """Makes sentences about a post's topics."""

    def __init__(self, rng: Rng, terms):
        self.rng = rng
        self.terms = terms

    def term(self):
        return self.rng.pick(self.terms)

    def sentence(self) -> str:
        r = self.rng
        t, g, g2 = self.term(), r.pick(NOUNS), r.pick(NOUNS)
        form = r.below(6)
        if form == 0:
            s = f"the {t} {r.pick(VERBS)} the {g} when the {g2} {r.pick(VERBS)} every {r.pick(NOUNS)}"
        elif form == 1:
            s = f"{r.pick(OPENERS).lower()}, a {r.pick(ADJECTIVES)} {t} is better than a {r.pick(ADJECTIVES)} {g}"
        elif form == 2:
            s = f"we measured the {t} under load and the {g} stayed {r.pick(ADJECTIVES)}"
        elif form == 3:
            s = f"most teams {r.pick(BASE_VERBS)} their {t} before they {r.pick(BASE_VERBS)} the {g}"
        elif form == 4:
            s = f"a {r.pick(ADJECTIVES)} {t} {r.pick(VERBS)} the {g} and nobody notices until the {g2} fails"
        else:
            s = f"if you {r.pick(BASE_VERBS)} the {t} first, the {g} {r.pick(VERBS)} the {self.term()}"
        return s[0].upper() + s[1:] + "."

    def sentences(self, n) -> str:
        return " ".join(self.sentence() for _ in range(n))


def post_body(rng: Rng, tag_indexes):
    """(markdown, html, plain text) of one post about the given tags."""
    terms = [t for i in tag_indexes for t in TAGS[i][1]]
    lang = next((TAGS[i][2] for i in tag_indexes if TAGS[i][2]), "text")
    w = Writer(rng, terms)
    blocks = []  # ("p", Inline) | ("h2", str) | ("ul", [Inline]) | ("code", lang, str)

    blocks.append(("p", Inline().text(w.sentences(4))))
    blocks.append(("h2", f"Why the {w.term()} matters"))
    t = w.term()
    blocks.append(("p", Inline().text(w.sentences(3) + " See ")
                   .link(f"the notes on the {t}", f"https://example.com/notes/{slugify(t)}")
                   .text(" for the details, and " + w.sentence()[0].lower() + w.sentence()[1:])))
    items = []
    for _ in range(5):
        item = rng.below(3)
        if item == 0:
            items.append(Inline().text(f"Keep the {w.term()} {rng.pick(ADJECTIVES)}."))
        elif item == 1:
            items.append(Inline().text(f"Measure the {rng.pick(NOUNS)} before changing the {w.term()}."))
        else:
            items.append(Inline().text("Read ").code(rng.pick(IDENTIFIERS))
                         .text(f" before you {rng.pick(BASE_VERBS)} the {w.term()}."))
    blocks.append(("ul", items))
    a, b, c = (rng.pick(IDENTIFIERS) for _ in range(3))
    blocks.append(("p", Inline().text(w.sentences(2) + " The short version, in code:")))
    blocks.append(("code", lang, CODE[lang].format(a=a.replace("_", ""), b=b, c=c)))
    blocks.append(("h2", f"What we changed in the {w.term()}"))
    blocks.append(("p", Inline().text(w.sentences(5))))
    blocks.append(("p", Inline().text(w.sentences(2) + " Start with ").code(f"{a}.{b}")
                   .text(" and read what it returns. " + w.sentences(2))))

    md, html, plain = [], [], []
    for block in blocks:
        kind = block[0]
        if kind == "p":
            md.append(block[1].markdown() + "\n")
            html.append(f"<p>{block[1].html()}</p>\n")
            plain.append(block[1].plain())
        elif kind == "h2":
            md.append(f"## {block[1]}\n")
            html.append(f"<h2>{html_escape(block[1])}</h2>\n")
            plain.append(block[1])
        elif kind == "ul":
            md.append("".join(f"- {item.markdown()}\n" for item in block[1]))
            html.append("<ul>\n" + "".join(f"<li>{item.html()}</li>\n" for item in block[1]) + "</ul>\n")
            plain.extend(item.plain() for item in block[1])
        else:
            md.append(f"```{block[1]}\n{block[2]}```\n")
            html.append(f'<pre><code class="language-{block[1]}">{html_escape(block[2])}</code></pre>\n')
            plain.append(block[2])
    return "\n".join(md), "".join(html), " ".join(" ".join(plain).split())


def title(rng: Rng, tag_indexes, number: int) -> str:
    """A unique title (it ends in the post's number): its slug is `slugify(title)`."""
    terms = [t for i in tag_indexes for t in TAGS[i][1]]
    first = rng.pick(terms)
    second = rng.pick([t for t in terms if t != first] or terms)
    return f"{rng.pick(TITLE_OPENERS)} the {first} {rng.pick(TITLE_JOINS)} the {second}, no. {number}"
