#!/usr/bin/env bash
# Rollback latency (docs/benchmarks.md "Rollback latency"): `fathom up bench/deploy/app`; each round saves a change
# (a new release), then issues POST /fathom/v1/rollback while clients keep requesting, and reports the time from the
# command being sent to the first request answered by the old version, and to the point from which every request is.
# CLI start-up is not included: the command is the admin API call `fathom rollback` makes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=${ROUNDS:-10} CONCURRENCY=${CONCURRENCY:-4}
"$root/fathom" runtimes install >/dev/null
scratch="$(mktemp -d -t fathom-rollback-bench.XXXXXX)"
cp -r "$root/bench/deploy/app" "$scratch/app"
dotnet "$root/.build/cli/fathom.dll" up "$scratch/app" --port 0 --admin-port 0 >"$scratch/up.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 600); do [ -f "$scratch/app/.fathom/server.json" ] && break; sleep 0.1; done
info="$scratch/app/.fathom/server.json"
node "$root/bench/deploy/rollback-latency.js" "$(node -p "require('$info').appUrl")" "$(node -p "require('$info').adminUrl")" \
  "$scratch/app/src/handler.js" "$ROUNDS" "$CONCURRENCY"
