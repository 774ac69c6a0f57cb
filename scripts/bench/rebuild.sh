#!/usr/bin/env bash
# The `rebuild` scenario of make bench (called by scripts/bench.sh against the running stack with
# the data set loaded): seconds of `inkwell-gateway rebuild-pages` (every page of the 1,000
# posts, 20,000 comments, from the services' current data, into the stack's pages directory),
# with the gateway's own environment; then, for the record, Debian's `hugo` building the same
# 1,000 posts as Markdown files in a temporary Hugo site with a minimal layout
# (scripts/bench/hugo-site.py). Prints:
#   rebuild seconds=… hugo_seconds=… (N files written; hugo: M pages)
# bench.sh waits first until every running gateway has finished its start-up rebuild, so the two
# never render at once.
# Environment: BIN_DIR, GATEWAY_PID (the gateway whose environment the command gets).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${BIN_DIR:?}" "${GATEWAY_PID:?}"

# seconds_since START: seconds since START (from `now`), two decimals.
seconds_since() { awk -v a="$1" -v b="${EPOCHREALTIME}" 'BEGIN { printf "%.2f", b - a }'; }

mapfile -d '' gw_env <"/proc/$GATEWAY_PID/environ"
out=$(mktemp)
work=$(mktemp -d /tmp/inkwell-bench-hugo.XXXXXX)
trap 'rm -rf "$out" "$work"' EXIT
t=$(now)
env -i "${gw_env[@]}" LOG_LEVEL=warning "$BIN_DIR/inkwell-gateway" rebuild-pages >"$out" 2>&1 ||
    { cat "$out" >&2; die "rebuild: inkwell-gateway rebuild-pages failed"; }
seconds=$(seconds_since "$t")
written=$(sed -n 's/.*: \([0-9]*\) files written.*/\1/p' "$out" | tail -1)

command -v hugo >/dev/null || ensure_packages hugo
python3 "$INKWELL_ROOT/scripts/bench/hugo-site.py" "$work/site" >&2
t=$(now)
hugo --quiet --source "$work/site" --destination "$work/public" >&2 || die "rebuild: hugo failed"
hugo_seconds=$(seconds_since "$t")
hugo_pages=$(find "$work/public" -name '*.html' | wc -l)
printf 'rebuild seconds=%s hugo_seconds=%s (%s files written; hugo %s: %s HTML files)\n' \
    "$seconds" "$hugo_seconds" "${written:-?}" "$(hugo version | awk '{ print $2 }' | cut -d+ -f1)" "$hugo_pages"
