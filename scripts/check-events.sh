#!/usr/bin/env bash
# Checks docs/events (AsyncAPI document and JSON Schemas) for consistency; see check-events.py.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"
ensure_python_modules
exec python3 "$root/scripts/check-events.py" "$root"
