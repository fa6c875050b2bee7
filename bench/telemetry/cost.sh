#!/usr/bin/env bash
# What the telemetry pipeline costs (docs/benchmarks.md "Telemetry pipeline: CPU per invocation"): `fathom up
# bench/apps/logline` (a handler printing one line) at a fixed rate, with the pipeline registered and without it
# (FATHOM_TELEMETRY=off), alternating, ROUNDS times; MODES="on logs off" adds the pipeline without metrics
# (FATHOM_TELEMETRY=logs), so what metrics add on top of logs is on against logs. Load: `hey` open-loop at RATE requests/s for DURATION seconds (wrk is
# closed-loop, so a slower server would get less load and look cheaper). Platform CPU: user + system ticks of the
# fathom process itself (not the runtime processes) from /proc/<pid>/stat over the measured run. Drops: from
# /fathom/v1/logs/stats when the pipeline is on.
#
#   bench/telemetry/cost.sh                 # RATE=1000 DURATION=60 ROUNDS=3
#   RATE=2000 ROUNDS=1 bench/telemetry/cost.sh
#   MODES="on logs off" bench/telemetry/cost.sh   # metrics' share
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RATE=${RATE:-1000} DURATION=${DURATION:-60} ROUNDS=${ROUNDS:-3} WARM=${WARM:-10} MODES=${MODES:-on off}
# shellcheck source=eng/scripts/prereqs.sh
. "$root/eng/scripts/prereqs.sh"
fathom_prereqs hey curl
"$root/fathom" runtimes install >/dev/null
dll="$root/.build/cli/fathom.dll"
scratch="$(mktemp -d -t fathom-telemetry-bench.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
hz=$(getconf CLK_TCK)
workers=10
per_worker=$(( RATE / workers ))

ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

run() { # run MODE ROUND
  local mode=$1 round=$2 app="$scratch/app-$1-$2"
  cp -r "$root/bench/apps/logline" "$app"
  local env=(); [ "$mode" = off ] && env=(FATHOM_TELEMETRY=off); [ "$mode" = logs ] && env=(FATHOM_TELEMETRY=logs)
  env "${env[@]}" dotnet "$dll" up "$app" --port 0 --admin-port 0 --no-watch >"$scratch/$mode-$round.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do [ -f "$app/.fathom/server.json" ] && break; sleep 0.1; done
  local app_url admin_url
  app_url=$(node -e "console.log(require('$app/.fathom/server.json').appUrl)")
  admin_url=$(node -e "console.log(require('$app/.fathom/server.json').adminUrl)")
  hey -z "${WARM}s" -q "$per_worker" -c "$workers" "$app_url/log" >/dev/null
  local t0 t1 out
  t0=$(ticks "$pid")
  out=$(hey -z "${DURATION}s" -q "$per_worker" -c "$workers" "$app_url/log")
  t1=$(ticks "$pid")
  local requests rps dropped="-"
  requests=$(echo "$out" | awk '/\[200\]/ { print $2 }')
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  if [ "$mode" != off ]; then
    sleep 2
    dropped=$(curl -s "$admin_url/fathom/v1/logs/stats" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).dropped))")
  fi
  local cpu_ms=$(( (t1 - t0) * 1000 / hz ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$mode" "$rps" "${requests:-0}" "$cpu_ms" "$dropped"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
}

echo -e "round\tpipeline\treq/s\trequests\tplatform CPU ms\tdropped" | tee "$scratch/results.tsv"
for r in $(seq "$ROUNDS"); do
  for mode in $MODES; do
    run "$mode" "$r" | tee -a "$scratch/results.tsv"
  done
done
echo
awk -F'\t' 'NR > 1 { cpu[$2] += $5; n[$2] += $4 } END {
  on = cpu["on"] * 1000 / n["on"]; off = cpu["off"] * 1000 / n["off"]
  printf "platform CPU per invocation: pipeline on %.1f us, off %.1f us, +%.1f%%\n", on, off, (on / off - 1) * 100
  if (n["logs"] > 0) { logs = cpu["logs"] * 1000 / n["logs"]
    printf "without metrics (logs only) %.1f us: metrics add %.1f us per invocation, %.1f%% of the pipeline-off cost\n", logs, on - logs, (on - logs) / off * 100 } }' "$scratch/results.tsv"
