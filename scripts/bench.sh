#!/usr/bin/env bash
# make bench: release build, the stack (scripts/up.sh in the background, CONFIG=release, its own
# INKWELL_HOME and ports), the data set (only when empty), then wrk per scenario
# (scripts/bench/scenarios.txt): warm-up, then the measured run, one line each:
#   name req/s=… p50=…ms p99=…ms non2xx=…
# (rebuild, cost, comment-to-page and relay are not wrk runs: scripts/bench/rebuild.sh, cost.py,
# comment-to-page.py and relay.sh print their own figure lines; see BENCH.md and the README)
# then each service's resident memory and its time from start to ready; stops the stack.
# create-post (the last scenario) writes published posts; load.sh removes them on the next run.
#
# Environment [defaults]: BENCH_HOME [.inkwell-bench]; BENCH_GATEWAY_PORT, BENCH_USERS_PORT,
#   BENCH_BLOG_PORT, BENCH_COMMENTS_PORT, BENCH_PG_PORT [free ports]; SCENARIOS [all, e.g.
#   "direct-feed direct-post", or "relay" for the outbox relay's throughput and lag]; BENCH_WARMUP [5s] BENCH_DURATION [20s] BENCH_CONNECTIONS [32]
#   BENCH_THREADS [2] (BENCH.md fixes 5s/20s/32: change them only for trials); SKIP_BUILD=1;
#   BENCH_HOLD=1 (keep the stack up after the scenarios, ports in $BENCH_HOME/run/hold, until that file is removed);
#   INKWELL_BIN_DIR (executables from here); BENCH_SCENARIO_FILE [scripts/bench/scenarios.txt].
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -n "${BENCH_HOME:-}" ]]; then BENCH_HOME=$(abspath "$BENCH_HOME"); else BENCH_HOME="$INKWELL_ROOT/.inkwell-bench"; fi
if [[ -n "${INKWELL_BIN_DIR:-}" ]]; then INKWELL_BIN_DIR=$(abspath "$INKWELL_BIN_DIR"); export INKWELL_BIN_DIR; fi
cd "$INKWELL_ROOT"
WARMUP=${BENCH_WARMUP:-5s}
DURATION=${BENCH_DURATION:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
SCENARIO_FILE=${BENCH_SCENARIO_FILE:-$INKWELL_ROOT/scripts/bench/scenarios.txt}

ensure_packages "${INKWELL_PACKAGES[@]}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    say "building in release mode (swift build -c release; a clean release build takes several minutes)"
    t=$(now)
    swift build -c release
    info "built in $(elapsed "$t")s"
fi

GATEWAY_PORT=${BENCH_GATEWAY_PORT:-$(free_port)}
USERS_PORT=${BENCH_USERS_PORT:-$(free_port)}
BLOG_PORT=${BENCH_BLOG_PORT:-$(free_port)}
COMMENTS_PORT=${BENCH_COMMENTS_PORT:-$(free_port)}
PG_PORT=${BENCH_PG_PORT:-$(free_port)}
mkdir -p "$BENCH_HOME/logs"
UP_LOG="$BENCH_HOME/logs/up.log"
UP_PID=""

on_exit() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    proc_stop_all 15  # nginx for page-direct, the gateway without cache
    if [[ -n "$UP_PID" ]] && pid_alive "$UP_PID"; then
        say "stopping the stack"
        stop_pids 60 "$UP_PID"
    fi
    (( rc == 0 )) || say "bench failed (status $rc); the stack's output is in $UP_LOG"
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "starting the stack (CONFIG=release, INKWELL_HOME=$BENCH_HOME, gateway :$GATEWAY_PORT; output in $UP_LOG)"
: >"$UP_LOG"
env CONFIG=release SKIP_BUILD=1 INKWELL_HOME="$BENCH_HOME" GATEWAY_PORT="$GATEWAY_PORT" \
    USERS_PORT="$USERS_PORT" BLOG_PORT="$BLOG_PORT" COMMENTS_PORT="$COMMENTS_PORT" PG_PORT="$PG_PORT" \
    PUBLIC_BASE_URL="http://127.0.0.1:$GATEWAY_PORT" LOG_LEVEL="${LOG_LEVEL:-warning}" DEMO=0 \
    bash "$INKWELL_ROOT/scripts/up.sh" </dev/null >>"$UP_LOG" 2>&1 &
UP_PID=$!
deadline=$(deadline_in "${READY_TIMEOUT:-300}")
until [[ -s "$BENCH_HOME/run/ready" ]] && grep -q '^stack ' "$BENCH_HOME/run/ready"; do
    if ! pid_alive "$UP_PID"; then show_log_tail "$UP_LOG" 40; die "the stack did not start"; fi
    if deadline_passed "$deadline"; then show_log_tail "$UP_LOG" 40; die "the stack was not ready in time"; fi
    poll_pause 0.2
done
info "stack ready"

BIN_DIR=${INKWELL_BIN_DIR:-$(swift build -c release --show-bin-path)}
INKWELL_HOME="$BENCH_HOME" PG_PORT="$PG_PORT" BIN_DIR="$BIN_DIR" bash "$INKWELL_ROOT/scripts/bench/load.sh"

# gateway-nocache: a second gateway process with the first one's environment, the cache off.
GATEWAY_NOCACHE_PORT=${GATEWAY_NOCACHE_PORT:-$((GATEWAY_PORT + 10))}
NOCACHE_PID=""
gw_pid=$(cat "$BENCH_HOME/run/gateway.pid" 2>/dev/null || true)
if pid_alive "$gw_pid"; then
    mapfile -d '' GW_ENV <"/proc/$gw_pid/environ"
    # Registered like nginx, so on_exit's proc_stop_all stops it.
    proc_start gateway-nocache "$BENCH_HOME/logs/gateway-nocache.log" \
        env -i -C "$BENCH_HOME" "${GW_ENV[@]}" "HTTP_PORT=$GATEWAY_NOCACHE_PORT" "CACHE_MAX_BYTES=0" "$BIN_DIR/inkwell-gateway"
    NOCACHE_PID=$LAST_PID
    deadline=$(deadline_in 60)
    until curl -fs "http://127.0.0.1:$GATEWAY_NOCACHE_PORT/health/ready" >/dev/null; do
        if deadline_passed "$deadline" || ! pid_alive "$NOCACHE_PID"; then show_log_tail "$BENCH_HOME/logs/gateway-nocache.log" 20; die "gateway-nocache did not start"; fi
        poll_pause 0.2
    done
    info "gateway-nocache ready on :$GATEWAY_NOCACHE_PORT (CACHE_MAX_BYTES=0)"
fi

# pages_settled: every running gateway has finished its start-up rebuild (its first render pass
# in /metrics): until then it applies no page event, and it renders beside anything measured.
pages_settled() {
    local url deadline
    deadline=$(deadline_in 180)
    for url in "http://127.0.0.1:$GATEWAY_PORT" ${NOCACHE_PID:+"http://127.0.0.1:$GATEWAY_NOCACHE_PORT"}; do
        until curl -fsS --max-time 5 "$url/metrics" 2>/dev/null |
                awk '$1 ~ /^inkwell_gateway_pages_render_seconds_count/ { n += $2 } END { exit !(n >= 1) }'; do
            deadline_passed "$deadline" && die "the gateway at $url did not finish its start-up rebuild in 180 s"
            poll_pause 0.2
        done
    done
}
# Always: a start-up rebuild renders 1,000 pages on both cores, and would run beside the first
# scenarios measured (it did: hello at 55 % of its quiet figure).
pages_settled

RESULTS=()
# rebuild: `inkwell-gateway rebuild-pages` over the data set (and Hugo beside it). First, so the
# page scenarios below read the rendered bench-post page.
if [[ -z "${SCENARIOS:-}" || " $SCENARIOS " == *" rebuild "* ]]; then
    info "rebuild: inkwell-gateway rebuild-pages of the data set, then hugo over the same 1,000 posts"
    line=$(BIN_DIR="$BIN_DIR" GATEWAY_PID="$gw_pid" bash "$INKWELL_ROOT/scripts/bench/rebuild.sh")
    printf '%s\n' "$line"
    RESULTS+=("$line")
fi

# The page scenarios: a post page in the pages directory (unless rendered), and nginx serving
# that directory (page-direct: the ceiling for serving a static file here).
NGINX_PORT=""
if [[ -z "${SCENARIOS:-}" || " $SCENARIOS " == *" page"* ]]; then
    python3 "$INKWELL_ROOT/scripts/bench/bench-page.py" "$BENCH_HOME/pages" >&2
    NGINX_PORT=$(free_port)
    nginx_start "$BENCH_HOME/pages" "$NGINX_PORT" "$BENCH_HOME/nginx"
fi

base_url() {
    case "$1" in
        nginx) echo "http://127.0.0.1:$NGINX_PORT" ;;
        gateway) echo "http://127.0.0.1:$GATEWAY_PORT" ;;
        gateway-nocache) echo "http://127.0.0.1:$GATEWAY_NOCACHE_PORT" ;;
        users) echo "http://127.0.0.1:$USERS_PORT" ;;
        blog) echo "http://127.0.0.1:$BLOG_PORT" ;;
        comments) echo "http://127.0.0.1:$COMMENTS_PORT" ;;
        *) die "unknown target '$1' in $SCENARIO_FILE" ;;
    esac
}

# wrk_summary NAME < wrk output: the one result line.
wrk_summary() {
    awk -v name="$1" '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        END {
            if (rps == "") { exit 1 }
            printf "%s req/s=%.0f p50=%.2fms p99=%.2fms non2xx=%d\n", name, rps, p50, p99, non2xx + 0
        }'
}

# grace's access token for the signed-in scenarios (15 minutes: longer than the whole run).
export BENCH_PASSWORD=${BENCH_PASSWORD:-bench-password-2026}
BENCH_TOKEN=$(curl -sS --max-time 10 -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/login" \
    -H 'Content-Type: application/json' -d "{\"login\": \"grace\", \"password\": \"$BENCH_PASSWORD\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin).get("accessToken", ""))' 2>/dev/null || true)
[[ -n "$BENCH_TOKEN" ]] || warn "could not sign in as grace: the signed-in scenarios will answer 401"
export BENCH_TOKEN
# Every bench user's token for the comment scenario (50 logins, only when it runs).
BENCH_TOKENS=""
if [[ -z "${SCENARIOS:-}" || " $SCENARIOS " == *" comment "* || " $SCENARIOS " == *" comment-to-page "* ]]; then
    BENCH_TOKENS=$(INKWELL_ROOT="$INKWELL_ROOT" GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" python3 "$INKWELL_ROOT/scripts/bench/tokens.py") ||
        warn "could not sign in every bench user: the comment scenario will answer 401"
fi
export BENCH_TOKENS
say "password hash: $("$BIN_DIR/inkwell-users" hash-password <<<"x" | cut -d'$' -f2-4) (login throughput is what it costs)"

say "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(date -u +%F)"
say "wrk -t$THREADS -c$CONNECTIONS: warm-up $WARMUP, then $DURATION per scenario"
# cost: CPU per request by process of each composed read without the cache, of its direct read
# and of each other part alone, and the ratio that bounds (scripts/bench/cost.py). Reads only.
if [[ -n "$NOCACHE_PID" ]] && [[ -z "${SCENARIOS:-}" || " $SCENARIOS " == *" cost "* ]]; then
    info "cost: CPU per request of the composed reads without the cache, of the reads behind them, and the bound"
    while IFS= read -r line; do printf '%s\n' "$line"; RESULTS+=("$line"); done < <(
        BENCH_HOME="$BENCH_HOME" NOCACHE_PID="$NOCACHE_PID" BENCH_CONNECTIONS="$CONNECTIONS" BENCH_THREADS="$THREADS" \
            python3 "$INKWELL_ROOT/scripts/bench/cost.py" "http://127.0.0.1:$GATEWAY_NOCACHE_PORT" \
            "http://127.0.0.1:$USERS_PORT" "http://127.0.0.1:$BLOG_PORT" "http://127.0.0.1:$COMMENTS_PORT")
fi
while read -r -u 3 name target path lua _; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ -n "${SCENARIOS:-}" && " $SCENARIOS " != *" $name "* ]]; then continue; fi
    url="$(base_url "$target")$path"
    script_args=()
    if [[ -n "${lua:-}" ]]; then
        [[ -f "$INKWELL_ROOT/scripts/bench/$lua" ]] || die "scenario $name: scripts/bench/$lua not found"
        script_args=(-s "$INKWELL_ROOT/scripts/bench/$lua")
    fi
    info "$name: $url${lua:+ ($lua)}"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)
    [[ -n "${lua:-}" || "$code" == 2* ]] || warn "$name: a single GET answers $code"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${script_args[@]}" "$url" >/dev/null
    out="$BENCH_HOME/logs/wrk-$name.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${script_args[@]}" "$url" >"$out"
    line=$(wrk_summary "$name" <"$out") || { cat "$out" >&2; die "could not read wrk's output for $name"; }
    printf '%s\n' "$line"
    RESULTS+=("$line")
done 3<"$SCENARIO_FILE"
if [[ -z "${SCENARIOS:-}" || " $SCENARIOS " == *" comment-to-page "* ]]; then
    info "comment-to-page: 20 comments on bench-post, each from its 201 to the page file showing it"
    line=$(python3 "$INKWELL_ROOT/scripts/bench/comment-to-page.py" "http://127.0.0.1:$GATEWAY_PORT" "$BENCH_HOME/pages" 20)
    printf '%s\n' "$line"
    RESULTS+=("$line")
fi
if [[ -z "${SCENARIOS:-}" || " $SCENARIOS " == *" relay "* ]]; then
    info "relay: 20,000 outbox rows through the users service's relay, then commit-to-Kafka lag"
    line=$(INKWELL_HOME="$BENCH_HOME" PG_PORT="$PG_PORT" USERS_PORT="$USERS_PORT" bash "$INKWELL_ROOT/scripts/bench/relay.sh")
    printf '%s\n' "$line"
    RESULTS+=("$line")
fi
(( ${#RESULTS[@]} )) || warn "no scenario ran (SCENARIOS=${SCENARIOS:-})"
# BENCH_HOLD=1: keep the stack running (for perf record, manual wrk) until the hold file is gone.
if [[ "${BENCH_HOLD:-0}" == 1 ]]; then
    hold="$BENCH_HOME/run/hold"
    printf 'gateway=%s gateway-nocache=%s users=%s blog=%s comments=%s pg=%s\n' "$GATEWAY_PORT" "$GATEWAY_NOCACHE_PORT" \
        "$USERS_PORT" "$BLOG_PORT" "$COMMENTS_PORT" "$PG_PORT" >"$hold"
    say "holding the stack: $(cat "$hold"); rm $hold to stop"
    while [[ -e "$hold" ]]; do sleep 1; done
fi

say "resident memory after the run, and time from start to ready"
for svc in users blog comments gateway; do
    pid=$(cat "$BENCH_HOME/run/$svc.pid" 2>/dev/null || true)
    rss="?"
    if pid_alive "$pid"; then rss=$(awk '/^VmRSS:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status"); fi
    ready=$(awk -v s="$svc" '$1 == s { print $2 "s" }' "$BENCH_HOME/run/ready")
    printf '%-9s rss=%s ready=%s\n' "$svc" "$rss" "${ready:-?}"
done
printf 'stack ready=%ss (PostgreSQL, broker, migrations, services; after the build)\n' \
    "$(awk '$1 == "stack" { print $2 }' "$BENCH_HOME/run/ready")"
