#!/usr/bin/env bash
# make build: the system packages, then swift build. CONFIG=debug|release [debug]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INKWELL_ROOT"
CONFIG=${CONFIG:-debug}
case "$CONFIG" in debug|release) ;; *) die "CONFIG must be debug or release, not '$CONFIG'" ;; esac
ensure_packages "${INKWELL_PACKAGES[@]}"
say "building (swift build -c $CONFIG; the first build may take several minutes)"
t=$(now)
swift build -c "$CONFIG" "$@"
say "built in $(elapsed "$t")s: $(swift build -c "$CONFIG" --show-bin-path)"
