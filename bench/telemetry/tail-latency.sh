#!/usr/bin/env bash
# Tail latency (docs/benchmarks.md "Telemetry pipeline"): `fathom up bench/apps/logline`, a live tail connected to
# the logs stream, COUNT requests at RATE/s; prints p50/p99/max from sending a request to its line on the tail.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COUNT=${COUNT:-200} RATE=${RATE:-20}
"$root/fathom" runtimes install >/dev/null
scratch="$(mktemp -d -t fathom-tail-bench.XXXXXX)"
cp -r "$root/bench/apps/logline" "$scratch/app"
dotnet "$root/.build/cli/fathom.dll" up "$scratch/app" --port 0 --admin-port 0 --no-watch >"$scratch/up.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 600); do [ -f "$scratch/app/.fathom/server.json" ] && break; sleep 0.1; done
info="$scratch/app/.fathom/server.json"
node "$root/bench/telemetry/tail-latency.js" "$(node -p "require('$info').appUrl")" "$(node -p "require('$info').adminUrl")" "$COUNT" "$RATE"
