#!/usr/bin/env bash
# Deploy latency (docs/benchmarks.md "Deploys"): a `fathom server` on a scratch data directory, the three-function app of
# testassets/apps/deploy deployed once to warm everything, then ROUNDS times each:
#   - no-op: `fathom deploy` of the unchanged app (wall clock of the CLI process, start-up included);
#   - one-line change: edit one line of one function, `fathom deploy`, then GET its route until the new code answers
#     (wall clock from the edit to that answer: build, upload of one artifact, server validation, release, cold start).
# Prints the median and the maximum of each in milliseconds.
#
#   bench/deploy/deploy.sh            # ROUNDS=10
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS=${ROUNDS:-10}
# shellcheck source=eng/scripts/prereqs.sh
. "$root/eng/scripts/prereqs.sh"
fathom_prereqs curl
"$root/fathom" runtimes install >/dev/null
dll="$root/.build/cli/fathom.dll"
scratch="$(mktemp -d -t fathom-deploy-bench.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT

cp -r "$root/testassets/apps/deploy" "$scratch/app"
dotnet "$dll" server --data "$scratch/data" --port 0 --admin-port 0 >"$scratch/server.log" 2>&1 &
pid=$!
for _ in $(seq 600); do [ -f "$scratch/data/server.json" ] && break; sleep 0.1; done
admin=$(node -e "console.log(require('$scratch/data/server.json').adminUrl)")
deploy() { dotnet "$dll" deploy "$scratch/app" --app bench --env prod --server "$admin" --json 2>/dev/null; }
now() { date +%s%N; }

url=$(deploy | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).url))")
curl -sf "$url/beta" >/dev/null

noop=() change=()
for round in $(seq "$ROUNDS"); do
  t0=$(now); deploy >/dev/null; t1=$(now)
  noop+=($(( (t1 - t0) / 1000000 )))

  t0=$(now)
  sed -i "s/code: '[^']*'/code: 'r$round'/" "$scratch/app/beta/index.js"
  deploy >/dev/null
  until curl -sf "$url/beta" | grep -q "\"r$round\""; do sleep 0.01; done
  t1=$(now)
  change+=($(( (t1 - t0) / 1000000 )))
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "median %d ms, max %d ms (n=%d)", v[int((NR + 1) / 2)], v[NR], NR }'; }
echo "no-op redeploy (unchanged app):        $(stats "${noop[@]}")"
echo "one-line change, edit → new code live: $(stats "${change[@]}")"
