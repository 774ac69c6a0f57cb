#!/usr/bin/env bash
# The `relay` scenario of make bench (called by scripts/bench.sh against the running stack):
#  1. throughput: 20,000 rows put into the users outbox with one INSERT ... SELECT generate_series;
#     the users service's relay publishes them; events/s = rows / (last sent_at - insert time).
#  2. lag on a quiet stack: a registration through the users service every 50 ms for 10 s, the
#     events read from users.events with kcat; lag = arrival - the event's `time` (set in the
#     committing transaction). Prints: relay events/s=… lag_p50=…ms lag_p95=…ms
# Environment: INKWELL_HOME (secrets.env, kafka.bootstrap), PG_PORT, USERS_PORT.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
: "${INKWELL_HOME:?}" "${PG_PORT:?}" "${USERS_PORT:?}"
# shellcheck source=/dev/null
. "$INKWELL_HOME/secrets.env"
PSQL="$(pg_bindir)/psql"
psql_users() { PGPASSWORD=$USERS_DB_PASSWORD "$PSQL" -X -q -w -v ON_ERROR_STOP=1 "postgresql://users@127.0.0.1:$PG_PORT/inkwell" -tA "$@"; }
ROWS=${BENCH_RELAY_ROWS:-20000}
BROKERS=$(tr -d '[:space:]' <"$INKWELL_HOME/kafka.bootstrap")
PREFIX=${KAFKA_TOPIC_PREFIX:-}

marker="inkwell.bench.relay.$(date +%s).v1"
start=$(psql_users -c "
    INSERT INTO outbox (event_id, topic, record_key, event_type, payload)
    SELECT gen_random_uuid(), '${PREFIX}users.events', 'bench-' || (g % 1000), '$marker',
           '{\"specversion\":\"1.0\",\"id\":\"' || gen_random_uuid() || '\",\"source\":\"inkwell/bench\",\"type\":\"$marker\",\"subject\":\"bench\",\"time\":\"2026-01-01T00:00:00.000Z\",\"data\":{\"n\":' || g || ',\"version\":1}}'
    FROM generate_series(1, $ROWS) g;
    SELECT extract(epoch FROM clock_timestamp());" | tail -1)
deadline=$(deadline_in 120)
until [[ "$(psql_users -c "select count(*) from outbox where event_type = '$marker' and sent_at is null")" == 0 ]]; do
    deadline_passed "$deadline" && die "relay: the backlog did not drain in 120 s"
    poll_pause 0.05
done
rate=$(psql_users -c "select round($ROWS / extract(epoch from max(sent_at) - to_timestamp($start))) from outbox where event_type = '$marker'")

python3 - "$BROKERS" "${PREFIX}users.events" "http://127.0.0.1:$USERS_PORT" "$rate" <<'PY'
import json, subprocess, sys, threading, time, urllib.request, uuid, datetime
brokers, topic, users, rate = sys.argv[1:5]
tag = "rl" + uuid.uuid4().hex[:6]
kcat = subprocess.Popen(["kcat", "-C", "-q", "-u", "-b", brokers, "-t", topic, "-o", "end", "-f", "%s\n",
                         "-X", "fetch.wait.max.ms=10", "-X", "fetch.error.backoff.ms=10"], stdout=subprocess.PIPE, text=True)
lags, lock = [], threading.Lock()
def read():
    for line in kcat.stdout:
        arrived = time.time()
        try: event = json.loads(line)
        except ValueError: continue
        if not str(event.get("data", {}).get("username", "")).startswith(tag): continue
        t = datetime.datetime.fromisoformat(event["time"].replace("Z", "+00:00")).timestamp()
        with lock: lags.append((arrived - t) * 1000)
threading.Thread(target=read, daemon=True).start()
time.sleep(2)  # let kcat join its partitions at the end of the log (setup, not a measurement)
sent, t0 = 0, time.time()
while time.time() - t0 < 10:
    name = f"{tag}{sent}"
    body = json.dumps({"email": f"{name}@example.org", "username": name, "password": "0123456789ab"}).encode()
    req = urllib.request.Request(f"{users}/api/v1/auth/register", data=body, headers={"Content-Type": "application/json"})
    try: urllib.request.urlopen(req, timeout=5).read(); sent += 1
    except Exception as e: print(f"register failed: {e}", file=sys.stderr)
    time.sleep(max(0, t0 + (sent + 1) * 0.05 - time.time()))
end = time.time() + 10
while time.time() < end:
    with lock:
        if len(lags) >= sent: break
    time.sleep(0.05)
kcat.terminate()
with lock: values = sorted(lags)
if not values: sys.exit("relay: no events arrived")
pct = lambda p: values[min(len(values) - 1, int(p * len(values)))]
print(f"relay events/s={rate} lag_p50={pct(0.5):.1f}ms lag_p95={pct(0.95):.1f}ms (events {len(values)}/{sent})")
PY
