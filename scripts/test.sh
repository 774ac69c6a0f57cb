#!/usr/bin/env bash
# make test: build, start the test infrastructure on loopback (PostgreSQL, the development Kafka
# broker, nginx with WebDAV, aiosmtpd), run `swift test`, then the extra checks
# (scripts/check-*.sh), and stop everything again.
#
# Usage: scripts/test.sh [swift test arguments...]      e.g. scripts/test.sh --filter PostgresTests
# Environment:
#   FILTER=REGEX       shortcut for --filter REGEX (make test FILTER=PostgresTests)
#   KEEP=1             keep the work directory (logs, data) after the run
#   SKIP_BUILD=1       do not run `swift build --build-tests` (use what is built)
#   INKWELL_BIN_DIR    take the executables (inkwell-devbroker, ...) from here instead
#   SKIP_CHECKS=1      do not run scripts/check-*.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$INKWELL_ROOT"

T0=$(now)
WORK=""
STATUS=0

on_exit() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if (( rc != 0 )) && (( ${#PROC_PIDS[@]} )); then
        say "the run failed (status $rc): last lines of the servers' logs"
        proc_log_tails 25
        [[ -n "${PG_LOG:-}" ]] && show_log_tail "$PG_LOG" 25
    fi
    if (( ${#PROC_PIDS[@]} )) || [[ -n "${PG_DATADIR:-}" ]]; then say "stopping the test infrastructure"; fi
    proc_stop_all 15
    # Services a crashed test process could not stop (its exit handler never ran).
    # Only this run's: they inherit INKWELL_TEST_WORK_DIR, so parallel runs (several checkouts
    # building into the same path) never stop each other's processes.
    if [[ -n "${BIN_DIR:-}" && -n "$WORK" ]]; then
        local pid
        for pid in $(pgrep -f "^$BIN_DIR/inkwell-" || true); do
            if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "INKWELL_TEST_WORK_DIR=$WORK/scratch"; then
                say "stopping service process $pid the tests left behind"
                kill -KILL "$pid" 2>/dev/null || true
            fi
        done
    fi
    pg_stop "${PG_DATADIR:-}"
    # Servers tests start themselves (a cluster of their own, an SMTP server) keep their files
    # in the work directory: none may outlive the run.
    if [[ -n "$WORK" ]] && pgrep -f -- "$WORK/" >/dev/null; then
        say "stopping servers the tests left behind"
        pkill -KILL -f -- "$WORK/" || true
    fi
    if [[ -n "$WORK" && -d "$WORK" ]]; then
        if [[ "${KEEP:-0}" == 1 ]]; then say "kept the work directory $WORK (KEEP=1)"
        else rm -rf "$WORK"; fi
    fi
    say "total time $(elapsed "$T0")s, status $rc"
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ARGS=("$@")
if [[ -n "${FILTER:-}" ]]; then ARGS=(--filter "$FILTER" "${ARGS[@]}"); fi

ensure_packages "${INKWELL_PACKAGES[@]}"
ensure_python_modules

# 1. Build everything, tests included (one sequence: build --build-tests, then test --skip-build).
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    say "building (swift build --build-tests; the first build takes several minutes)"
    t=$(now)
    swift build --build-tests
    info "built in $(elapsed "$t")s"
fi
BIN_DIR=${INKWELL_BIN_DIR:-$(swift build --show-bin-path)}
BIN_DIR=$(abspath "$BIN_DIR")

# 2. The infrastructure, in a throw-away work directory.
WORK=$(mktemp -d /tmp/inkwell-test.XXXXXX)
mkdir -p "$WORK/logs"
say "work directory $WORK"

export PG_SUPERUSER_PASSWORD=postgres USERS_DB_PASSWORD=users BLOG_DB_PASSWORD=blog COMMENTS_DB_PASSWORD=comments
PG_PORT=$(free_port)
# A throw-away cluster: durability off for speed.
pg_start "$WORK/postgres" "$PG_PORT" "$WORK/logs/postgres.log" \
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=800"
pg_setup_database "$PG_PORT"

broker_start "$BIN_DIR" "$WORK/kafka.bootstrap" "$WORK/logs/devbroker.log"

WEBDAV_PORT=$(free_port)
nginx_start "$WORK/webdav" "$WEBDAV_PORT" "$WORK/nginx"

SMTP_PORT=$(free_port)
smtp_start "$SMTP_PORT" "$WORK/mail" "$WORK/logs/smtp.log"

export INKWELL_TEST_PG_ADMIN_URL; INKWELL_TEST_PG_ADMIN_URL=$(pg_url postgres postgres "$PG_PORT")
export INKWELL_TEST_USERS_DATABASE_URL; INKWELL_TEST_USERS_DATABASE_URL=$(pg_url users users "$PG_PORT")
export INKWELL_TEST_BLOG_DATABASE_URL; INKWELL_TEST_BLOG_DATABASE_URL=$(pg_url blog blog "$PG_PORT")
export INKWELL_TEST_COMMENTS_DATABASE_URL; INKWELL_TEST_COMMENTS_DATABASE_URL=$(pg_url comments comments "$PG_PORT")
export INKWELL_TEST_PG_BINDIR; INKWELL_TEST_PG_BINDIR=$(pg_bindir)
export INKWELL_TEST_KAFKA_BROKERS=$KAFKA_BOOTSTRAP
export INKWELL_TEST_WEBDAV_URL="http://127.0.0.1:$WEBDAV_PORT/"
export INKWELL_TEST_WEBDAV_ROOT="$WORK/webdav"
export INKWELL_TEST_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT"
export INKWELL_TEST_MAIL_DIR="$WORK/mail"
export INKWELL_TEST_BIN_DIR=$BIN_DIR
export INKWELL_TEST_WORK_DIR="$WORK/scratch"
mkdir -p "$INKWELL_TEST_WORK_DIR"
env | grep '^INKWELL_TEST_' | sort >"$WORK/test.env"
say "test environment ($WORK/test.env):"
sed 's/^/    /' "$WORK/test.env" >&2

# 3. The tests.
t=$(now)
if (( ${#ARGS[@]} )); then
    say "running swift test --skip-build ${ARGS[*]}"
    swift test --skip-build "${ARGS[@]}" || STATUS=$?
else
    # Two rounds: the suites that start whole stacks of processes, then everything else. All at
    # once, 110 suites on 2 cores starved each other's timing bounds.
    say "running swift test --skip-build --filter IntegrationTests (the stacks of real processes)"
    swift test --skip-build --filter 'IntegrationTests\.' || STATUS=$?
    say "running swift test --skip-build --skip IntegrationTests (unit and component tests)"
    swift test --skip-build --skip 'IntegrationTests\.' || STATUS=$?
fi
info "swift test finished in $(elapsed "$t")s with status $STATUS"

# 4. Further checks: every scripts/check-*.sh (they see the same INKWELL_TEST_* environment).
if [[ "${SKIP_CHECKS:-0}" != 1 ]]; then
    shopt -s nullglob
    for check in "$INKWELL_ROOT"/scripts/check-*.sh; do
        say "running $(basename "$check")"
        crc=0
        bash "$check" || crc=$?
        if (( crc != 0 )); then
            warn "$(basename "$check") failed with status $crc"
            (( STATUS != 0 )) || STATUS=$crc
        fi
    done
    shopt -u nullglob
fi

if (( STATUS == 0 )); then say "all tests passed"; else say "tests FAILED (status $STATUS)"; fi
exit "$STATUS"
