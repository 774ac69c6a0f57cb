#!/usr/bin/env bash
# make down: stop a stack that `make up` left behind (its shell was killed): the processes in
# $INKWELL_HOME/run/*.pid (SIGTERM, deadline, SIGKILL) and PostgreSQL in $INKWELL_HOME/postgres.
# Safe to run when nothing is running. INKWELL_HOME [.inkwell]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -n "${INKWELL_HOME:-}" ]]; then INKWELL_HOME=$(abspath "$INKWELL_HOME")
else INKWELL_HOME="$INKWELL_ROOT/.inkwell"; fi
RUN_DIR="$INKWELL_HOME/run"
[[ -d "$INKWELL_HOME" ]] || { say "nothing to stop: $INKWELL_HOME does not exist"; exit 0; }

# A running `make up` for this home is asked to stop first (it then stops everything itself).
if [[ -f "$RUN_DIR/up.lock" ]] && ! flock -n "$RUN_DIR/up.lock" true; then
    say "a 'make up' is still running for $INKWELL_HOME: it holds $RUN_DIR/up.lock"
    pid=$(cat "$RUN_DIR/up.pid" 2>/dev/null || true)
    if pid_alive "$pid"; then
        info "sending SIGTERM to it (pid $pid)"
        stop_pids "${STOP_TIMEOUT:-30}" "$pid"
    fi
fi

stopped=0
shopt -s nullglob
# services first, then the broker
files=()
for name in gateway comments blog users; do [[ -f "$RUN_DIR/$name.pid" ]] && files+=("$RUN_DIR/$name.pid"); done
for f in "$RUN_DIR"/*.pid; do
    [[ "$f" == "$RUN_DIR/up.pid" || " ${files[*]} " == *" $f "* ]] || files+=("$f")
done
for f in "${files[@]}"; do
    name=$(basename "$f" .pid); pid=$(<"$f")
    if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "inkwell-$name"; then
        say "stopping $name (pid $pid)"
        stop_pids "${STOP_TIMEOUT:-20}" "$pid"
        stopped=$((stopped + 1))
    fi
    rm -f "$f"
done
shopt -u nullglob

if [[ -f "$INKWELL_HOME/postgres/postmaster.pid" ]]; then
    pg_stop "$INKWELL_HOME/postgres"
    stopped=$((stopped + 1))
fi
rm -f "$RUN_DIR/ready" "$RUN_DIR/postgres.port" "$RUN_DIR/up.pid"
if (( stopped )); then say "stopped"; else say "nothing was running for $INKWELL_HOME"; fi
