#!/usr/bin/env bash
# make up: build and start the whole stack on this machine, in the foreground.
#   PostgreSQL under $INKWELL_HOME/postgres (data survives), the development Kafka broker (unless
#   KAFKA_BROKERS is set), migrations, then users, blog, comments and gateway. Ctrl-C or SIGTERM
#   stops everything (services: SIGTERM, deadline, SIGKILL; broker; PostgreSQL fast shutdown).
#
# Variables [defaults]: GATEWAY_PORT [8080] USERS_PORT [8081] BLOG_PORT [8082] COMMENTS_PORT [8083]
#   PG_PORT [54329] INKWELL_HOME [.inkwell] PUBLIC_BASE_URL [http://127.0.0.1:$GATEWAY_PORT]
#   BOOTSTRAP_ADMIN_EMAIL [none] SMTP_URL [none: .eml files in $INKWELL_HOME/mail]
#   KAFKA_BROKERS [none: start inkwell-devbroker] KAFKA_TOPIC_PREFIX [none] DEMO=1 [off]
#   CONFIG=debug|release [debug] LOG_LEVEL [info] LOG_FORMAT [text] MAIL_FROM
#   READY_TIMEOUT [120] seconds per service; SKIP_BUILD=1; INKWELL_BIN_DIR (executables from here)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T0=$(now)

# --- configuration (INKWELL_HOME relative to the caller's directory, default inside the repo)
if [[ -n "${INKWELL_HOME:-}" ]]; then INKWELL_HOME=$(abspath "$INKWELL_HOME")
else INKWELL_HOME="$INKWELL_ROOT/.inkwell"; fi
if [[ -n "${INKWELL_BIN_DIR:-}" ]]; then INKWELL_BIN_DIR=$(abspath "$INKWELL_BIN_DIR"); fi
cd "$INKWELL_ROOT"

GATEWAY_PORT=${GATEWAY_PORT:-8080}
USERS_PORT=${USERS_PORT:-8081}
BLOG_PORT=${BLOG_PORT:-8082}
COMMENTS_PORT=${COMMENTS_PORT:-8083}
PG_PORT=${PG_PORT:-54329}
PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:$GATEWAY_PORT}
CONFIG=${CONFIG:-debug}
LOG_LEVEL=${LOG_LEVEL:-info}
LOG_FORMAT=${LOG_FORMAT:-text}
MAIL_FROM=${MAIL_FROM:-Inkwell <no-reply@inkwell.localhost>}
READY_TIMEOUT=${READY_TIMEOUT:-120}
case "$CONFIG" in debug|release) ;; *) die "CONFIG must be debug or release, not '$CONFIG'" ;; esac

SERVICES=(users blog comments gateway)
RUN_DIR="$INKWELL_HOME/run"
LOG_DIR="$INKWELL_HOME/logs"
mkdir -p "$INKWELL_HOME" "$RUN_DIR" "$LOG_DIR" "$INKWELL_HOME/pages/media"

# --- one stack per INKWELL_HOME
exec 9>"$RUN_DIR/up.lock"
flock -n 9 || die "another 'make up' is running with INKWELL_HOME=$INKWELL_HOME (pid $(cat "$RUN_DIR/up.pid" 2>/dev/null))"
shopt -s nullglob
for f in "$RUN_DIR"/*.pid; do
    name=$(basename "$f" .pid); pid=$(<"$f")
    [[ "$name" != up ]] || continue
    if pid_alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "inkwell-$name"; then
        hint="make down"; [[ "$INKWELL_HOME" == "$INKWELL_ROOT/.inkwell" ]] || hint+=" INKWELL_HOME=$INKWELL_HOME"
        die "$name (pid $pid) from an earlier run is still running: stop it with '$hint'"
    fi
    rm -f "$f"
done
shopt -u nullglob
echo "$$" >"$RUN_DIR/up.pid"
rm -f "$RUN_DIR/ready"

# --- ports: refuse to start when one is taken
declare -A SEEN=()
for var in GATEWAY_PORT USERS_PORT BLOG_PORT COMMENTS_PORT PG_PORT; do
    port=${!var}
    [[ -z "${SEEN[$port]:-}" ]] || die "$var and ${SEEN[$port]} are both $port"
    SEEN[$port]=$var
    require_free_port "$var" "$port"
done

# --- cleanup on every exit
STOPPING=0
on_exit() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    (( STOPPING )) && exit "$rc"
    STOPPING=1
    echo >&2
    say "stopping Inkwell"
    proc_stop_all "${STOP_TIMEOUT:-20}"
    pg_stop "${PG_DATADIR:-}"
    rm -f "$RUN_DIR/ready" "$RUN_DIR/postgres.port" "$RUN_DIR/up.pid"
    say "stopped (status $rc)"
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_packages "${INKWELL_PACKAGES[@]}"

# --- secrets, created once
SECRETS="$INKWELL_HOME/secrets.env"
if [[ ! -f "$SECRETS" ]]; then
    if [[ -s "$INKWELL_HOME/postgres/PG_VERSION" ]]; then
        die "$SECRETS is missing but the cluster $INKWELL_HOME/postgres exists: restore the file, or delete the cluster (its data is lost) to start afresh"
    fi
    say "generating passwords in $SECRETS (mode 600)"
    (
        umask 077
        {
            echo "# Inkwell local stack: generated once by scripts/up.sh. Keep private."
            echo "PG_SUPERUSER_PASSWORD=$(generate_secret)"
            echo "USERS_DB_PASSWORD=$(generate_secret)"
            echo "BLOG_DB_PASSWORD=$(generate_secret)"
            echo "COMMENTS_DB_PASSWORD=$(generate_secret)"
        } >"$SECRETS.tmp"
        mv "$SECRETS.tmp" "$SECRETS"
    )
fi
chmod 600 "$SECRETS"
# Read, not exported: each service gets only its own password, in its DATABASE_URL.
# shellcheck source=/dev/null
. "$SECRETS"
for v in PG_SUPERUSER_PASSWORD USERS_DB_PASSWORD BLOG_DB_PASSWORD COMMENTS_DB_PASSWORD; do
    [[ -n "${!v:-}" ]] || die "$v is missing in $SECRETS"
done

# --- build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    say "building (swift build -c $CONFIG; the first build may take several minutes)"
    t=$(now)
    swift build -c "$CONFIG"
    info "built in $(elapsed "$t")s"
fi
BIN_DIR=${INKWELL_BIN_DIR:-$(swift build -c "$CONFIG" --show-bin-path)}
for svc in "${SERVICES[@]}"; do
    [[ -x "$BIN_DIR/inkwell-$svc" ]] || die "$BIN_DIR/inkwell-$svc is missing (build failed?)"
done
T_START=$(now)

# --- PostgreSQL and the database
pg_start "$INKWELL_HOME/postgres" "$PG_PORT" "$LOG_DIR/postgres.log"
echo "$PG_PORT" >"$RUN_DIR/postgres.port"
pg_setup_database "$PG_PORT"

# --- Kafka
if [[ -n "${KAFKA_BROKERS:-}" ]]; then
    say "using the Kafka cluster at $KAFKA_BROKERS (KAFKA_BROKERS)"
    printf '%s\n' "$KAFKA_BROKERS" >"$INKWELL_HOME/kafka.bootstrap"
else
    broker_start "$BIN_DIR" "$INKWELL_HOME/kafka.bootstrap" "$LOG_DIR/devbroker.log"
    KAFKA_BROKERS=$KAFKA_BOOTSTRAP
fi

# --- each service's environment
JWKS_URL="http://127.0.0.1:$USERS_PORT/.well-known/jwks.json"
# Services start from an empty environment (env -i): only these pass through from ours.
PASS_ENV=(PATH HOME LANG LC_ALL TZ TMPDIR SSL_CERT_FILE SSL_CERT_DIR)
while IFS='=' read -r name _; do PASS_ENV+=("$name"); done < <(env | grep -E '^OTEL_[A-Z_]*=' || true)
service_env() {   # service_env NAME: fills the array SVC_ENV
    local svc=$1 v
    SVC_ENV=()
    for v in "${PASS_ENV[@]}"; do [[ -n "${!v:-}" ]] && SVC_ENV+=("$v=${!v}"); done
    SVC_ENV+=(
        HTTP_HOST=127.0.0.1
        "KAFKA_BROKERS=$KAFKA_BROKERS"
        "LOG_LEVEL=$LOG_LEVEL"
        "LOG_FORMAT=$LOG_FORMAT"
    )
    if [[ -n "${KAFKA_TOPIC_PREFIX:-}" ]]; then SVC_ENV+=("KAFKA_TOPIC_PREFIX=$KAFKA_TOPIC_PREFIX"); fi
    case "$svc" in
        users)
            SVC_ENV+=("HTTP_PORT=$USERS_PORT"
                "DATABASE_URL=$(pg_url users "$USERS_DB_PASSWORD" "$PG_PORT")"
                "PUBLIC_BASE_URL=$PUBLIC_BASE_URL" "MAIL_FROM=$MAIL_FROM")
            if [[ -n "${SMTP_URL:-}" ]]; then SVC_ENV+=("SMTP_URL=$SMTP_URL")
            else SVC_ENV+=("MAIL_DIR=$INKWELL_HOME/mail"); fi
            if [[ -n "${BOOTSTRAP_ADMIN_EMAIL:-}" ]]; then SVC_ENV+=("BOOTSTRAP_ADMIN_EMAIL=$BOOTSTRAP_ADMIN_EMAIL"); fi
            ;;
        blog)
            SVC_ENV+=("HTTP_PORT=$BLOG_PORT"
                "DATABASE_URL=$(pg_url blog "$BLOG_DB_PASSWORD" "$PG_PORT")"
                "JWKS_URL=$JWKS_URL" "MEDIA_SINK=file://$INKWELL_HOME/pages")
            ;;
        comments)
            SVC_ENV+=("HTTP_PORT=$COMMENTS_PORT"
                "DATABASE_URL=$(pg_url comments "$COMMENTS_DB_PASSWORD" "$PG_PORT")"
                "JWKS_URL=$JWKS_URL")
            ;;
        gateway)
            SVC_ENV+=("HTTP_PORT=$GATEWAY_PORT" "JWKS_URL=$JWKS_URL" "PUBLIC_BASE_URL=$PUBLIC_BASE_URL"
                "USERS_URL=http://127.0.0.1:$USERS_PORT" "BLOG_URL=http://127.0.0.1:$BLOG_PORT"
                "COMMENTS_URL=http://127.0.0.1:$COMMENTS_PORT" "PAGES_SINK=file://$INKWELL_HOME/pages")
            ;;
    esac
}
if [[ -z "${SMTP_URL:-}" ]]; then mkdir -p "$INKWELL_HOME/mail"; fi

# --- migrations
for svc in users blog comments; do
    say "migrating $svc (inkwell-$svc migrate)"
    service_env "$svc"
    if ! (cd "$INKWELL_HOME" && env -i "${SVC_ENV[@]}" "$BIN_DIR/inkwell-$svc" migrate) \
            </dev/null >>"$LOG_DIR/$svc.log" 2>&1 9>&-; then
        show_log_tail "$LOG_DIR/$svc.log"
        die "inkwell-$svc migrate failed"
    fi
done

# --- the services, in dependency order (users serves the JWKS the others fetch)
READY_LINES=()
start_service() {
    local svc=$1 port t url
    service_env "$svc"
    case "$svc" in
        users) port=$USERS_PORT ;; blog) port=$BLOG_PORT ;;
        comments) port=$COMMENTS_PORT ;; gateway) port=$GATEWAY_PORT ;;
    esac
    say "starting $svc on :$port (log $LOG_DIR/$svc.log)"
    printf '\n=== %s: starting inkwell-%s serve ===\n' "$(date -u +%FT%TZ)" "$svc" >>"$LOG_DIR/$svc.log"
    t=$(now)
    proc_start "$svc" "$LOG_DIR/$svc.log" env -i -C "$INKWELL_HOME" "${SVC_ENV[@]}" "$BIN_DIR/inkwell-$svc" serve
    url="http://127.0.0.1:$port/health/ready"
    if ! wait_http "$url" "$READY_TIMEOUT" "$LAST_PID" "$LOG_DIR/$svc.log"; then
        die "$svc did not become ready ($url)"
    fi
    READY_LINES+=("$svc $(elapsed "$t")")
    info "$svc ready after $(elapsed "$t")s"
}
for svc in "${SERVICES[@]}"; do start_service "$svc"; done

{
    for l in "${READY_LINES[@]}"; do echo "$l"; done
    echo "stack $(elapsed "$T_START")"
} >"$RUN_DIR/ready"

# --- demo data
if [[ "${DEMO:-0}" == 1 ]]; then
    if [[ -f "$INKWELL_ROOT/scripts/demo.sh" ]]; then
        say "loading demo data (scripts/demo.sh)"
        GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" INKWELL_HOME="$INKWELL_HOME" PG_PORT="$PG_PORT" \
            KAFKA_BROKERS="$KAFKA_BROKERS" bash "$INKWELL_ROOT/scripts/demo.sh" 9>&- \
            || die "scripts/demo.sh failed"
    else
        warn "DEMO=1: scripts/demo.sh does not exist yet, no demo data loaded"
    fi
fi

cat >&2 <<EOF

${_C_BOLD}Inkwell is up: http://127.0.0.1:$GATEWAY_PORT${_C_OFF}   (public base URL $PUBLIC_BASE_URL)
    services   users :$USERS_PORT  blog :$BLOG_PORT  comments :$COMMENTS_PORT  gateway :$GATEWAY_PORT
    ready in   $(elapsed "$T_START")s after the build ($(elapsed "$T0")s in all)
    logs       $LOG_DIR/
    mail       ${SMTP_URL:-$INKWELL_HOME/mail/ (.eml files)}
    pages      $INKWELL_HOME/pages/
    kafka      $KAFKA_BROKERS  (bootstrap file $INKWELL_HOME/kafka.bootstrap)
    postgres   127.0.0.1:$PG_PORT, database inkwell (passwords in $SECRETS)
Press Ctrl-C to stop.
EOF

# --- stay in the foreground; stop everything when a service dies on its own
mapfile -t WATCHED < <(printf '%s\n' "${PROC_PIDS[@]}")
while :; do
    wait -n "${WATCHED[@]}" 2>/dev/null || true
    for i in "${!PROC_PIDS[@]}"; do
        if ! pid_alive "${PROC_PIDS[$i]}"; then
            show_log_tail "${PROC_LOGS[$i]}"
            die "${PROC_NAMES[$i]} (pid ${PROC_PIDS[$i]}) exited on its own"
        fi
    done
done
