#!/usr/bin/env bash
# Loads `fathom up` serving the harness's hello handler with the same wrk workload as ../shared/bench, in the same
# session as its peers (floor, serverless-offline default and in-process, the ric shim), and appends every row to
# one TSV. Usage: bench/compare.sh [-r RUNS] [-d SECONDS] [TARGET...]   (default targets: floor sls sls-inproc ric)
# Needs: wrk, curl, node; the peers' npm install (done here once, in a scratch copy of the harness).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=2 dur=10
while getopts "r:d:" opt; do
  case $opt in r) runs=$OPTARG ;; d) dur=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
peers=("${@:-floor sls sls-inproc ric}")
harness_src="${FATHOM_BENCH_HARNESS:-$root/../shared/bench}"
scratch="${FATHOM_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fathom/bench-harness}"

# The harness folder is read-only where it is shared: work in a scratch copy, set up once.
if [ ! -f "$scratch/node_modules/aws-lambda-ric/dist/rapid-client.node" ]; then
  mkdir -p "$scratch" && cp -r "$harness_src/." "$scratch/" && chmod -R u+w "$scratch"
  (cd "$scratch" && ./run.sh setup)
fi

"$root/fathom" runtimes install >/dev/null
out="$root/bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).tsv"
mkdir -p "$root/bench/results"

# shellcheck disable=SC2086
(cd "$scratch" && ./run.sh -r "$runs" -d "$dur" -o "$out" ${peers[*]})

app="$(mktemp -d)"
cp -r "$root/bench/apps/hello/." "$app/"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# Build once so the measured launch is a warm start of the CLI with cached artifacts, as a user's second run is.
(cd "$scratch" && ./run.sh -r "$runs" -d "$dur" -o "$out" url "http://127.0.0.1:$port/hello" \
  --start "exec dotnet $root/.build/cli/fathom.dll up $app --port $port --admin-port 0 --no-watch")
rm -rf "$app"
echo "results: $out"
