#!/usr/bin/env python3
"""Signs in every bench user (dataset.py's USERNAMES, password BENCH_PASSWORD) through the
gateway (GATEWAY_URL) and prints their access tokens, comma-separated, for comment.lua.
Standard library only; fails when any login fails."""
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dataset import USERNAMES  # noqa: E402


def main() -> int:
    base = os.environ["GATEWAY_URL"]
    password = os.environ.get("BENCH_PASSWORD", "bench-password-2026")
    tokens = []
    for name in USERNAMES:
        request = urllib.request.Request(
            base + "/api/v1/auth/login", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"login": name, "password": password}).encode())
        with urllib.request.urlopen(request, timeout=10) as response:
            tokens.append(json.load(response)["accessToken"])
    print(",".join(tokens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
