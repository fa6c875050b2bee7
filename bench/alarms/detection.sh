#!/usr/bin/env bash
# Alarm detection time (docs/benchmarks.md "Alarms"): `fathom up testassets/apps/alarms` at time scale 1 with the default
# alarms, then ROUNDS times: wait until Checkout-ErrorRate is OK, send one failing request every 200 ms, and measure the wall
# clock from the first failing request to the alarm.state ALARM event in GET /fathom/v1/events; then send good requests
# until the alarm is OK again. Prints the median and maximum in milliseconds.
#
#   bench/alarms/detection.sh            # ROUNDS=5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=${ROUNDS:-5}
# shellcheck source=eng/scripts/prereqs.sh
. "$root/eng/scripts/prereqs.sh"
fathom_prereqs curl
"$root/fathom" runtimes install >/dev/null
dll="$root/.build/cli/fathom.dll"
scratch="$(mktemp -d -t fathom-alarms-bench.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

cp -r "$root/testassets/apps/alarms" "$scratch/app"
dotnet "$dll" up "$scratch/app" --port 0 --admin-port 0 --no-watch >"$scratch/up.log" 2>&1 &
pid=$!
for _ in $(seq 1200); do [ -f "$scratch/app/.fathom/server.json" ] && break; sleep 0.1; done
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const j=JSON.parse(s);console.log($1)})"; }
app=$(json 'j.appUrl' <"$scratch/app/.fathom/server.json")
admin=$(json 'j.adminUrl' <"$scratch/app/.fathom/server.json")
now() { date +%s%N; }
state() { curl -sf "$admin/fathom/v1/alarms" | json 'j.alarms.find(a=>a.name==="Checkout-ErrorRate").state'; }
alarm_events() { curl -sf "$admin/fathom/v1/events?kind=alarm.state&limit=1000" \
  | json 'j.events.filter(e=>e.payload.alarm==="Checkout-ErrorRate"&&e.payload.state==="ALARM").length'; }

curl -sf "$app/checkout/ok" >/dev/null
times=()
for _ in $(seq "$ROUNDS"); do
  until [ "$(state)" = "OK" ]; do curl -sf "$app/checkout/ok" >/dev/null || true; sleep 0.5; done
  before=$(alarm_events)
  t0=$(now)
  ( while true; do curl -s "$app/checkout/fail" >/dev/null || true; sleep 0.2; done ) &
  load=$!
  until [ "$(alarm_events)" -gt "$before" ]; do sleep 0.1; done
  t1=$(now)
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true
  times+=($(( (t1 - t0) / 1000000 )))
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, max %d ms (n=%d)", v[int((NR + 1) / 2)], v[NR], NR }'; }
echo "first failing request → alarm.state ALARM (default error-rate alarm, 10 s period, time scale 1): $(stats "${times[@]}")"
