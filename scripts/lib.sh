# shellcheck shell=bash
# Shared shell functions for Inkwell's scripts (make up / test / bench / down).
# Source it:  . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Conventions: every function that waits polls with a deadline (no fixed sleeps for readiness);
# processes started in the background are registered (proc_register) so that proc_stop_all can
# stop them in reverse order: SIGTERM, wait with a deadline, then SIGKILL.

# ---------------------------------------------------------------------------------------------
# Paths and logging
# ---------------------------------------------------------------------------------------------

INKWELL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
export INKWELL_ROOT

if [[ -t 2 && -z "${NO_COLOR:-}" ]]; then
    _C_BOLD=$'\033[1m' _C_RED=$'\033[31m' _C_YEL=$'\033[33m' _C_OFF=$'\033[0m'
else
    _C_BOLD='' _C_RED='' _C_YEL='' _C_OFF=''
fi

say()  { printf '%s==>%s %s\n' "$_C_BOLD" "$_C_OFF" "$*" >&2; }
info() { printf '    %s\n' "$*" >&2; }
warn() { printf '%swarning:%s %s\n' "$_C_YEL" "$_C_OFF" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$_C_RED" "$_C_OFF" "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# abspath PATH: absolute path (the path itself need not exist yet, its parent should).
abspath() {
    local p=$1
    if [[ -d "$p" ]]; then (cd "$p" && pwd -P)
    else
        local parent base
        parent=$(dirname "$p"); base=$(basename "$p")
        mkdir -p "$parent"
        printf '%s/%s\n' "$(cd "$parent" && pwd -P)" "$base"
    fi
}

# now: seconds since the epoch with microseconds (bash 5).
now() { printf '%s\n' "${EPOCHREALTIME}"; }

# elapsed START: seconds since START (from `now`), one decimal.
elapsed() { awk -v a="$1" -v b="${EPOCHREALTIME}" 'BEGIN { printf "%.1f", b - a }'; }

# deadline_passed DEADLINE: true when now >= DEADLINE (an epoch value with decimals).
deadline_passed() { awk -v d="$1" -v n="${EPOCHREALTIME}" 'BEGIN { exit !(n >= d) }'; }

# deadline_in SECONDS: the epoch value SECONDS from now.
deadline_in() { awk -v s="$1" -v n="${EPOCHREALTIME}" 'BEGIN { printf "%.6f", n + s }'; }

# A short pause between two polls (polling, not waiting for readiness blindly).
poll_pause() { sleep "${1:-0.1}"; }

# generate_secret: 32 hex characters from /dev/urandom.
generate_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

# ---------------------------------------------------------------------------------------------
# System packages
# ---------------------------------------------------------------------------------------------

INKWELL_PACKAGES=(
    libpq-dev librdkafka-dev libcurl4-openssl-dev libargon2-dev libcmark-gfm-dev
    libcmark-gfm-extensions-dev postgresql nginx-core python3-aiosmtpd wrk kafkacat curl
)

# Python modules the checks use (JSON Schema of events, OpenAPI document); from PyPI when missing.
INKWELL_PYTHON_MODULES=(jsonschema referencing yaml openapi_spec_validator)
INKWELL_PYTHON_PACKAGES=(jsonschema referencing pyyaml openapi-spec-validator)

# ensure_python_modules: installs the checkers' Python packages for the python3 on PATH if missing.
ensure_python_modules() {
    local missing=0 m
    for m in "${INKWELL_PYTHON_MODULES[@]}"; do
        python3 -c "import $m" 2>/dev/null || missing=1
    done
    (( missing == 0 )) && return 0
    say "installing Python packages for the checks: ${INKWELL_PYTHON_PACKAGES[*]}"
    python3 -m pip install --quiet "${INKWELL_PYTHON_PACKAGES[@]}" >&2
}

# package_installed NAME
package_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# ensure_packages [PKG...]: install the missing ones with apt-get (default: INKWELL_PACKAGES).
# As non-root: no apt; say what is missing and stop.
ensure_packages() {
    local pkgs=("$@") missing=() p
    (( ${#pkgs[@]} )) || pkgs=("${INKWELL_PACKAGES[@]}")
    if ! command -v dpkg-query >/dev/null 2>&1; then
        warn "no dpkg-query (not Debian?): not checking system packages ${pkgs[*]}"
        return 0
    fi
    for p in "${pkgs[@]}"; do package_installed "$p" || missing+=("$p"); done
    if (( ${#missing[@]} == 0 )); then
        say "system packages present (${#pkgs[@]} checked)"
        return 0
    fi
    if ! is_root; then
        die "missing system packages: ${missing[*]}
       install them as root:  apt-get update && apt-get install -y ${missing[*]}"
    fi
    say "installing missing system packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    for p in "${missing[@]}"; do package_installed "$p" || die "package $p did not install"; done
}

# ---------------------------------------------------------------------------------------------
# Ports and readiness
# ---------------------------------------------------------------------------------------------

_INKWELL_GIVEN_PORTS=" "

# free_port: print a TCP port that is free on 127.0.0.1 (never the same twice in one shell).
free_port() {
    local port i
    for i in 1 2 3 4 5 6 7 8 9 10; do
        port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') \
            || die "free_port: python3 failed"
        if [[ "$_INKWELL_GIVEN_PORTS" != *" $port "* ]]; then
            _INKWELL_GIVEN_PORTS+="$port "
            printf '%s\n' "$port"
            return 0
        fi
    done
    die "free_port: no free port found"
}

# port_in_use PORT: true when something listens on (or holds) 127.0.0.1:PORT.
port_in_use() {
    ! python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

# require_free_port NAME PORT: refuse to go on when the port is taken.
require_free_port() {
    local name=$1 port=$2
    if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then die "$name=$port is not a port number"; fi
    if port_in_use "$port"; then
        local who=""
        who=$(ss -ltnpH "sport = :$port" 2>/dev/null | sed -n 's/.*users:((\("[^"]*"\),pid=\([0-9]*\).*/\1 (pid \2)/p' | head -1) || true
        die "port $port ($name) is already in use${who:+ by $who}; free it or choose another: $name=... (or run 'make down' if an old stack is still running)"
    fi
}

# pid_alive PID: true while the process exists and is not a zombie.
pid_alive() {
    local pid=$1 stat
    [[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
    { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || return 1
    stat=${stat##*) }
    [[ "${stat%% *}" != Z ]]
}

# wait_for WHAT TIMEOUT PID LOG PROBE...: run PROBE every 0.1 s until it succeeds, at most TIMEOUT
# seconds. When PID is given and that process ends first, fail at once; on failure show LOG's tail.
wait_for() {
    local what=$1 timeout=$2 pid=$3 log=$4 deadline
    shift 4
    deadline=$(deadline_in "$timeout")
    while :; do
        if "$@" 2>/dev/null; then return 0; fi
        if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
            warn "process $pid exited while waiting for $what"
            [[ -n "$log" ]] && show_log_tail "$log"
            return 1
        fi
        if deadline_passed "$deadline"; then
            warn "no $what within ${timeout}s"
            [[ -n "$log" ]] && show_log_tail "$log"
            return 1
        fi
        poll_pause 0.1
    done
}

# http_ok URL: the URL answers 2xx.
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# tcp_open PORT: something accepts connections on 127.0.0.1:PORT.
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1"); }

# wait_http URL TIMEOUT [PID [LOG]]: poll URL until it answers 2xx.
wait_http() { wait_for "answer from $1" "$2" "${3:-}" "${4:-}" http_ok "$1"; }

# wait_tcp PORT TIMEOUT [PID [LOG]]: poll until 127.0.0.1:PORT accepts a connection.
wait_tcp() { wait_for "listener on 127.0.0.1:$1" "$2" "${3:-}" "${4:-}" tcp_open "$1"; }

# show_log_tail LOG [LINES]
show_log_tail() {
    local log=$1 n=${2:-30}
    [[ -f "$log" ]] || return 0
    printf -- '----- last %s lines of %s -----\n' "$n" "$log" >&2
    tail -n "$n" "$log" >&2 || true
    printf -- '-----\n' >&2
}

# ---------------------------------------------------------------------------------------------
# Background processes
# ---------------------------------------------------------------------------------------------

PROC_NAMES=() PROC_PIDS=() PROC_LOGS=()
# RUN_DIR: when set, proc_register also writes RUN_DIR/NAME.pid (for `make down`).
RUN_DIR=${RUN_DIR:-}

# proc_start NAME LOG CMD...: start CMD in the background (stdin /dev/null, output appended to
# LOG, fd 9 closed), register it; its pid is in $LAST_PID.
proc_start() {
    local name=$1 log=$2; shift 2
    "$@" </dev/null >>"$log" 2>&1 9>&- &
    LAST_PID=$!
    proc_register "$name" "$LAST_PID" "$log"
}

proc_register() {
    PROC_NAMES+=("$1") PROC_PIDS+=("$2") PROC_LOGS+=("${3:-}")
    if [[ -n "$RUN_DIR" ]]; then printf '%s\n' "$2" >"$RUN_DIR/$1.pid"; fi
}

# proc_pid NAME: the registered pid of NAME.
proc_pid() {
    local i
    for i in "${!PROC_NAMES[@]}"; do
        [[ "${PROC_NAMES[$i]}" == "$1" ]] && { printf '%s\n' "${PROC_PIDS[$i]}"; return 0; }
    done
    return 1
}

# stop_pids TIMEOUT PID...: SIGTERM, poll until gone (deadline), then SIGKILL; reap children.
stop_pids() {
    local timeout=$1; shift
    local pid left deadline
    (( $# )) || return 0
    for pid in "$@"; do pid_alive "$pid" && kill -TERM "$pid" 2>/dev/null; done
    deadline=$(deadline_in "$timeout")
    while :; do
        left=()
        for pid in "$@"; do pid_alive "$pid" && left+=("$pid"); done
        (( ${#left[@]} )) || break
        if deadline_passed "$deadline"; then
            warn "still running after ${timeout}s, sending SIGKILL: ${left[*]}"
            kill -KILL "${left[@]}" 2>/dev/null
            break
        fi
        poll_pause 0.05
    done
    for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
    return 0
}

# proc_stop_all [TIMEOUT]: stop every registered process, newest first.
proc_stop_all() {
    local timeout=${1:-15} i
    for (( i=${#PROC_PIDS[@]}-1; i>=0; i-- )); do
        if pid_alive "${PROC_PIDS[$i]}"; then
            info "stopping ${PROC_NAMES[$i]} (pid ${PROC_PIDS[$i]})"
            stop_pids "$timeout" "${PROC_PIDS[$i]}"
        fi
        if [[ -n "$RUN_DIR" ]]; then rm -f "$RUN_DIR/${PROC_NAMES[$i]}.pid"; fi
    done
    PROC_NAMES=() PROC_PIDS=() PROC_LOGS=()
}

# proc_log_tails: the tail of every registered process's log.
proc_log_tails() {
    local i
    for i in "${!PROC_NAMES[@]}"; do
        [[ -n "${PROC_LOGS[$i]}" ]] && show_log_tail "${PROC_LOGS[$i]}" "${1:-30}"
    done
    return 0
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

# pg_bindir: the newest installed PostgreSQL's bin directory (override: PG_BINDIR).
pg_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then printf '%s\n' "$PG_BINDIR"; return 0; fi
    local d
    d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$d" && -x "$d/initdb" ]] || die "no PostgreSQL server found under /usr/lib/postgresql (package postgresql)"
    printf '%s\n' "$d"
}

# The user that runs the cluster in DIR: as root the data dir's owner (postgres for new ones);
# otherwise ourselves.
_PG_OS_USER=""

# pg_run CMD...: run a PostgreSQL binary as the cluster's OS user (runuser when root), from /.
pg_run() {
    if is_root && [[ "$_PG_OS_USER" != root ]]; then
        (cd / && runuser -u "$_PG_OS_USER" -- "$@") 9>&-
    else
        (cd / && "$@") 9>&-
    fi
}

# make_reachable PATH USER: every ancestor directory of PATH must be searchable by USER
# (PostgreSQL runs as postgres); add o+x (traverse only, no listing) where it is missing.
make_reachable() {
    local path=$1 user=$2 d
    is_root || return 0
    [[ "$user" == root ]] && return 0
    d=$path
    local dirs=()
    while [[ "$d" != / && -n "$d" ]]; do d=$(dirname "$d"); dirs+=("$d"); done
    for (( i=${#dirs[@]}-1; i>=0; i-- )); do
        d=${dirs[$i]}
        if ! runuser -u "$user" -- test -x "$d" 2>/dev/null; then
            info "granting o+x (traverse only) on $d so that user $user can reach $path"
            chmod o+x "$d"
        fi
    done
}

# pg_start DATADIR PORT [LOGFILE [EXTRA_POSTGRES_OPTIONS]]
# Initialises the cluster the first time (superuser postgres, password $PG_SUPERUSER_PASSWORD,
# scram-sha-256, UTF8), then starts it on 127.0.0.1:PORT, TCP only, and waits until it is ready.
# Sets PG_DATADIR, PG_PORT_RUNNING, PG_LOG.
pg_start() {
    local dir port log extra bindir
    dir=$(abspath "$1"); port=$2; log=${3:-}; extra=${4:-}
    bindir=$(pg_bindir)
    [[ -n "${PG_SUPERUSER_PASSWORD:-}" ]] || die "pg_start: PG_SUPERUSER_PASSWORD is not set"

    if is_root; then
        if [[ -d "$dir" && "$(stat -c %U "$dir")" != root ]]; then _PG_OS_USER=$(stat -c %U "$dir")
        else _PG_OS_USER=postgres; fi
        id "$_PG_OS_USER" >/dev/null 2>&1 || die "user $_PG_OS_USER does not exist (package postgresql creates postgres)"
    else
        _PG_OS_USER=$(id -un)
        if [[ -d "$dir" && ! -O "$dir" ]]; then
            die "$dir belongs to $(stat -c %U "$dir"); run as that user (or root)"
        fi
    fi

    if [[ ! -s "$dir/PG_VERSION" ]]; then
        say "initialising a PostgreSQL cluster in $dir ($(basename "$(dirname "$bindir")"), user $_PG_OS_USER)"
        mkdir -p "$dir"
        if [[ -n "$(ls -A "$dir")" ]]; then die "$dir is not empty but holds no PostgreSQL cluster"; fi
        chmod 700 "$dir"
        if is_root; then chown "$_PG_OS_USER": "$dir"; make_reachable "$dir" "$_PG_OS_USER"; fi
        local pwfile
        pwfile=$(mktemp "${TMPDIR:-/tmp}/inkwell-pw.XXXXXX")
        printf '%s\n' "$PG_SUPERUSER_PASSWORD" >"$pwfile"
        if is_root; then chown "$_PG_OS_USER" "$pwfile"; fi
        if ! pg_run "$bindir/initdb" -D "$dir" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" \
                --encoding=UTF8 --no-locale >"$dir.initdb.log" 2>&1; then
            rm -f "$pwfile"
            show_log_tail "$dir.initdb.log"
            die "initdb failed"
        fi
        rm -f "$pwfile" "$dir.initdb.log"
        # Only password logins; TCP on loopback (no Unix socket is opened, see below).
        cat >"$dir/pg_hba.conf" <<'EOF'
# Inkwell: scram-sha-256 everywhere, loopback only (written by scripts/lib.sh).
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  scram-sha-256
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
EOF
        if is_root; then chown "$_PG_OS_USER": "$dir/pg_hba.conf"; fi
    else
        make_reachable "$dir" "$_PG_OS_USER"
    fi

    if pg_run "$bindir/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
        die "PostgreSQL is already running in $dir (an old stack? try 'make down')"
    fi

    [[ -n "$log" ]] || log="$dir/server.log"
    log=$(abspath "$log")
    touch "$log"
    if is_root; then chown "$_PG_OS_USER" "$log"; make_reachable "$log" "$_PG_OS_USER"; fi

    say "starting PostgreSQL on :$port (data $dir, log $log)"
    if ! pg_run "$bindir/pg_ctl" start -D "$dir" -l "$log" -w -t 60 -s \
            -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' $extra"; then
        show_log_tail "$log"
        die "PostgreSQL did not start"
    fi
    # shellcheck disable=SC2034  # outputs for the calling script
    PG_DATADIR=$dir PG_PORT_RUNNING=$port PG_LOG=$log
    # pg_ctl -w waited for "ready"; also check that a password login works.
    local deadline
    deadline=$(deadline_in 30)
    until PGPASSWORD=$PG_SUPERUSER_PASSWORD PGCONNECT_TIMEOUT=2 "$bindir/psql" -X -q -w -t \
            "postgresql://postgres@127.0.0.1:$port/postgres" -c 'select 1' >/dev/null 2>&1; do
        if deadline_passed "$deadline"; then show_log_tail "$log"; die "cannot log in to PostgreSQL on :$port as postgres"; fi
        poll_pause 0.1
    done
}

# pg_stop [DATADIR]: fast shutdown (no-op when not running).
pg_stop() {
    local dir=${1:-${PG_DATADIR:-}} bindir
    [[ -n "$dir" && -f "$dir/postmaster.pid" ]] || return 0
    bindir=$(pg_bindir)
    if [[ -z "$_PG_OS_USER" ]]; then
        if is_root; then _PG_OS_USER=$(stat -c %U "$dir"); else _PG_OS_USER=$(id -un); fi
    fi
    if pg_run "$bindir/pg_ctl" status -D "$dir" >/dev/null 2>&1; then
        info "stopping PostgreSQL ($dir)"
        pg_run "$bindir/pg_ctl" stop -D "$dir" -m fast -w -t 60 -s || warn "pg_ctl stop failed"
    fi
}

# pg_setup_database PORT: the database inkwell, roles users/blog/comments with the passwords in
# USERS_DB_PASSWORD, BLOG_DB_PASSWORD, COMMENTS_DB_PASSWORD, one schema each; idempotent.
# Connects as postgres with PG_SUPERUSER_PASSWORD. Passwords travel in the environment, not argv.
pg_setup_database() {
    local port=$1 bindir
    bindir=$(pg_bindir)
    say "setting up database inkwell: roles and schemas users, blog, comments"
    PGPASSWORD=$PG_SUPERUSER_PASSWORD PGOPTIONS='-c client_min_messages=warning' \
    INKWELL_USERS_PW=${USERS_DB_PASSWORD:?} INKWELL_BLOG_PW=${BLOG_DB_PASSWORD:?} \
    INKWELL_COMMENTS_PW=${COMMENTS_DB_PASSWORD:?} \
        "$bindir/psql" -X -q -w -v ON_ERROR_STOP=1 \
            "postgresql://postgres@127.0.0.1:$port/postgres" \
            -f "$INKWELL_ROOT/deploy/local/setup-database.sql" \
        || die "database set-up failed"
}

# pg_url ROLE PASSWORD PORT [DB]
pg_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s\n' "$1" "$2" "$3" "${4:-inkwell}"; }

# ---------------------------------------------------------------------------------------------
# Kafka development broker, nginx (WebDAV), SMTP
# ---------------------------------------------------------------------------------------------

# broker_start BINDIR BOOTSTRAP_FILE LOG [TIMEOUT]: run inkwell-devbroker and wait until it has
# written host:port to BOOTSTRAP_FILE. Sets KAFKA_BOOTSTRAP.
broker_start() {
    local bindir=$1 file=$2 log=$3 timeout=${4:-30} deadline pid
    [[ -x "$bindir/inkwell-devbroker" ]] || die "$bindir/inkwell-devbroker not found (did swift build run?)"
    rm -f "$file"
    say "starting the development Kafka broker (inkwell-devbroker)"
    proc_start devbroker "$log" "$bindir/inkwell-devbroker" --bootstrap-file "$file"
    pid=$LAST_PID
    deadline=$(deadline_in "$timeout")
    until [[ -s "$file" ]] && grep -q ':[0-9]' "$file"; do
        if ! pid_alive "$pid"; then show_log_tail "$log"; die "inkwell-devbroker exited before it listened"; fi
        if deadline_passed "$deadline"; then show_log_tail "$log"; die "inkwell-devbroker wrote no bootstrap file within ${timeout}s"; fi
        poll_pause 0.1
    done
    KAFKA_BOOTSTRAP=$(tr -d ' \n' <"$file")
    info "broker at $KAFKA_BOOTSTRAP (pid $pid)"
}

# nginx_start ROOT PORT WORKDIR: nginx serving ROOT with WebDAV (PUT DELETE MKCOL) on
# 127.0.0.1:PORT; config, logs, temp files and pid in WORKDIR. Foreground master (daemon off).
nginx_start() {
    local root port work conf tmpl user_line=""
    root=$(abspath "$1"); port=$2; work=$(abspath "$3")
    mkdir -p "$root" "$work/tmp" "$work/logs"
    is_root && user_line="user root;"
    tmpl=$(<"$INKWELL_ROOT/deploy/local/nginx.conf.in")
    tmpl=${tmpl//@USER_LINE@/$user_line}
    tmpl=${tmpl//@WORK@/$work}
    tmpl=${tmpl//@ROOT@/$root}
    tmpl=${tmpl//@PORT@/$port}
    conf="$work/nginx.conf"
    printf '%s\n' "$tmpl" >"$conf"
    local nginx_bin
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    "$nginx_bin" -t -q -p "$work" -e "$work/logs/error.log" -c "$conf" 2>"$work/logs/nginx-t.log" \
        || { show_log_tail "$work/logs/nginx-t.log"; die "nginx rejected $conf"; }
    say "starting nginx (WebDAV) on :$port, root $root"
    proc_start nginx "$work/logs/error.log" "$nginx_bin" -p "$work" -e "$work/logs/error.log" -c "$conf"
    wait_http "http://127.0.0.1:$port/.inkwell-health" 15 "$LAST_PID" "$work/logs/error.log" \
        || die "nginx did not come up on :$port"
}

# smtp_start PORT MAILDIR LOG: Debian's aiosmtpd storing each message in the Maildir MAILDIR.
smtp_start() {
    local port=$1 maildir log=$3
    maildir=$(abspath "$2")
    [[ -x /usr/bin/python3 ]] || die "/usr/bin/python3 missing"
    say "starting an SMTP server (aiosmtpd) on :$port, Maildir $maildir"
    proc_start smtp "$log" /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" \
        -c aiosmtpd.handlers.Mailbox "$maildir"
    wait_tcp "$port" 15 "$LAST_PID" "$log" || die "aiosmtpd did not come up on :$port"
}

# ---------------------------------------------------------------------------------------------
# Swift
# ---------------------------------------------------------------------------------------------

# swift_bin_path [CONFIG]: where `swift build` puts the executables.
swift_bin_path() {
    local cfg=${1:-debug}
    (cd "$INKWELL_ROOT" && swift build -c "$cfg" --show-bin-path)
}
