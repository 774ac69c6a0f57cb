#!/usr/bin/env bash
# The `make up` promise, checked for real (run by `make test` after the Swift tests): the stack
# comes up, a registration through the gateway works, Ctrl-C (SIGINT) leaves no process behind,
# and a second `make up` keeps the account.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INKWELL_ROOT"

HOME_DIR=$(mktemp -d /tmp/inkwell-up-check.XXXXXX)
export INKWELL_HOME="$HOME_DIR" SKIP_BUILD=1 READY_TIMEOUT=60
export INKWELL_BIN_DIR=${INKWELL_TEST_BIN_DIR:-$(swift build --show-bin-path)}
export GATEWAY_PORT USERS_PORT BLOG_PORT COMMENTS_PORT PG_PORT
GATEWAY_PORT=$(free_port); USERS_PORT=$(free_port); BLOG_PORT=$(free_port); COMMENTS_PORT=$(free_port); PG_PORT=$(free_port)
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
UP_PID=""

cleanup() {
    local rc=$?
    set +e
    if [[ -n "$UP_PID" ]] && pid_alive "$UP_PID"; then kill -INT "$UP_PID"; wait "$UP_PID" 2>/dev/null; fi
    (( rc == 0 )) || { warn "check-up failed; last lines of make up's output:"; tail -n 30 "$HOME_DIR/up.out" >&2; }
    rm -rf "$HOME_DIR"
    exit "$rc"
}
trap cleanup EXIT

start_stack() {
    # Job control on: a background job of a script would otherwise ignore SIGINT, unlike a
    # foreground `make up` that gets the terminal's Ctrl-C.
    set -m
    bash scripts/up.sh >"$HOME_DIR/up.out" 2>&1 &
    UP_PID=$!
    set +m
    local deadline
    deadline=$(deadline_in 120)
    # Ready means both: the ready file, and the URL printed for the user (written just after it).
    until [[ -f "$HOME_DIR/run/ready" ]] && grep -q "Inkwell is up: $GATEWAY" "$HOME_DIR/up.out"; do
        pid_alive "$UP_PID" || die "make up exited before the stack was ready"
        deadline_passed "$deadline" && die "make up was not ready within 120 s"
        poll_pause 0.2
    done
}

# stop_stack: Ctrl-C, then nothing of this stack may be left.
stop_stack() {
    kill -INT "$UP_PID"
    local deadline
    deadline=$(deadline_in 60)
    while pid_alive "$UP_PID"; do
        deadline_passed "$deadline" && die "make up did not stop within 60 s of SIGINT"
        poll_pause 0.2
    done
    wait "$UP_PID" 2>/dev/null || true
    UP_PID=""
    local left
    left=$(pgrep -af -- "$HOME_DIR" || true)
    [[ -z "$left" ]] || die "processes left after Ctrl-C: $left"
    for port in "$GATEWAY_PORT" "$USERS_PORT" "$BLOG_PORT" "$COMMENTS_PORT" "$PG_PORT"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port still answers after Ctrl-C"; fi
    done
}

say "check-up: make up, register, Ctrl-C, make up again (INKWELL_HOME=$HOME_DIR)"
start_stack
status=$(curl -sS -o "$HOME_DIR/register.json" -w '%{http_code}' -X POST "$GATEWAY/api/v1/auth/register" \
    -H 'Content-Type: application/json' \
    -d '{"email":"ada@example.org","username":"ada","password":"correct-horse-battery"}')
[[ "$status" == 201 ]] || die "registration answered $status: $(cat "$HOME_DIR/register.json")"
info "registered ada through the gateway (201)"
[[ -s "$HOME_DIR/kafka.bootstrap" ]] || die "no $HOME_DIR/kafka.bootstrap"
stop_stack
info "Ctrl-C stopped everything"

start_stack
status=$(curl -sS -o "$HOME_DIR/profile.json" -w '%{http_code}' "$GATEWAY/api/v1/users/ada")
[[ "$status" == 200 ]] || die "after a restart, GET /api/v1/users/ada answered $status"
grep -q '"username":"ada"' "$HOME_DIR/profile.json" || die "unexpected profile: $(cat "$HOME_DIR/profile.json")"
info "the second make up kept the account"
# Uploads land in the pages directory under media/ (the blog's MEDIA_SINK); the gateway serves them.
media_name="$(printf 'check-up' | sha256sum | cut -c1-64).png"
printf '\x89PNG\r\n\x1a\ncheck-up' >"$HOME_DIR/pages/media/$media_name"
status=$(curl -sS -o "$HOME_DIR/media.out" -w '%{http_code} %{content_type}' "$GATEWAY/media/$media_name")
[[ "$status" == "200 image/png" ]] || die "GET /media/$media_name answered $status"
cmp -s "$HOME_DIR/media.out" "$HOME_DIR/pages/media/$media_name" || die "GET /media/$media_name returned other bytes"
info "the gateway serves \$INKWELL_HOME/pages/media/ at /media/"
stop_stack
say "check-up: passed"
