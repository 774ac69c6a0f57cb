#!/usr/bin/env python3
"""Inkwell's benchmark data set (BENCH.md), deterministic, as SQL on stdout.

Usage: dataset.py users [--password-hash-file PATH]

Each part is loaded through its own service's role (psql with that role's DATABASE_URL), so it
writes only into that schema. Parts so far: users (50 users with verified emails, incl. `grace`).
Standard library only. Same input, same output: ids and timestamps derive from fixed seeds.
"""
import argparse
import datetime as dt
import hashlib
import os
import sys
import uuid

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


def users(password_hash: str) -> str:
    columns = ["id", "username", "email", "email_verified", "password_hash", "display_name", "bio",
               "roles", "version", "created_at", "updated_at"]
    rows = []
    for i, name in enumerate(USERNAMES):
        created = USERS_EPOCH + dt.timedelta(days=i)
        display = DISPLAY.get(name, name.rstrip("0123456789").capitalize())
        rows.append([
            uuid7(created, f"inkwell-bench:user:{name}"), name, f"{name}@bench.inkwell.test", True,
            password_hash, display, f"Bench user {i + 1} of 50: {display} writes about computing.",
            ["reader", "author"], 1, created, created,
        ])
    return "BEGIN;\n" + copy_block("users.users", columns, rows) + "COMMIT;\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=["users"])
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
    sys.stdout.write({"users": users}[args.part](password_hash))
    return 0


if __name__ == "__main__":
    sys.exit(main())
