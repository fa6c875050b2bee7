#!/usr/bin/env bash
# Alarm detection time (docs/benchmarks.md "Alarms"): `fathom up testassets/apps/alarms` at time scale 1 with the default
# alarms, then ROUNDS times: wait until Checkout-ErrorRate is OK, send one failing request every 200 ms, and measure the wall
# clock from the first failing request to the alarm.state ALARM event in GET /fathom/v1/events and to the webhook
# notification of it arriving at a local receiver (a `notifications` channel in fathom.yaml); then send good requests
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
hook=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; [ -n "$hook" ] && kill "$hook" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

cp -r "$root/testassets/apps/alarms" "$scratch/app"
# The webhook receiver: appends the arrival time (ms since the epoch) of every Checkout-ErrorRate ALARM notification.
node -e '
  const fs = require("fs"), out = process.argv[1];
  const server = require("http").createServer((req, res) => {
    let body = ""; req.on("data", d => body += d).on("end", () => {
      try { const e = JSON.parse(body).event;
        if (e.kind === "alarm.state" && e.payload.alarm === "Checkout-ErrorRate" && e.payload.state === "ALARM") fs.appendFileSync(out, Date.now() + "\n");
      } catch {}
      res.end("ok"); }); });
  server.listen(0, "127.0.0.1", () => fs.writeFileSync(out + ".port", String(server.address().port)));
' "$scratch/hooks" &
hook=$!
for _ in $(seq 100); do [ -f "$scratch/hooks.port" ] && break; sleep 0.1; done
touch "$scratch/hooks"
printf 'notifications:\n  channels:\n    bench:\n      type: webhook\n      url: http://127.0.0.1:%s/\n' "$(cat "$scratch/hooks.port")" >"$scratch/app/fathom.yaml"
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
notified=()
for _ in $(seq "$ROUNDS"); do
  until [ "$(state)" = "OK" ]; do curl -sf "$app/checkout/ok" >/dev/null || true; sleep 0.5; done
  before=$(alarm_events)
  hooks_before=$(wc -l <"$scratch/hooks")
  t0=$(now)
  ( while true; do curl -s "$app/checkout/fail" >/dev/null || true; sleep 0.2; done ) &
  load=$!
  until [ "$(alarm_events)" -gt "$before" ]; do sleep 0.1; done
  t1=$(now)
  until [ "$(wc -l <"$scratch/hooks")" -gt "$hooks_before" ]; do sleep 0.05; done
  t2=$(tail -n 1 "$scratch/hooks")
  kill "$load" 2>/dev/null; wait "$load" 2>/dev/null || true
  times+=($(( (t1 - t0) / 1000000 )))
  notified+=($(( t2 - t0 / 1000000 )))
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, max %d ms (n=%d)", v[int((NR + 1) / 2)], v[NR], NR }'; }
echo "first failing request → alarm.state ALARM (default error-rate alarm, 10 s period, time scale 1): $(stats "${times[@]}")"
echo "first failing request → webhook notification received: $(stats "${notified[@]}")"
