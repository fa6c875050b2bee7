#!/usr/bin/env bash
# What each defence of the sandbox adds to a cold start (docs/isolation.md "Cost"): the Fathom.Benchmarks cold-start
# benchmark (invoke with no environment → response, real node + aws-lambda-ric) once per sandbox mode, the modes
# alternating within each round so that a busy spell of this shared machine hits them all alike. Prints each mode's
# median over rounds, with the spread, and its difference to `on` (every defence) and to `off` (plain processes).
# Needs root (cgroups, namespaces, the unprivileged uid). ROUNDS (default 5) and RUNS per round (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-10}
MODES=${MODES:-off on noseccomp noidentity nolimits noout nonet}
dotnet build bench/Fathom.Benchmarks -c Release --nologo -v q -clp:NoSummary >/dev/null
bench=bench/Fathom.Benchmarks/bin/Release/net10.0/Fathom.Benchmarks.dll
results=$(mktemp)
trap 'rm -f "$results"' EXIT

for round in $(seq "$ROUNDS"); do
  for mode in $MODES; do
    median=$(dotnet "$bench" cold --runs "$RUNS" --sandbox "$mode" | awk '/^cold invoke/ { for (i = 1; i < NF; i++) if ($i == "median") print $(i + 1) }')
    echo "round $round  $mode  $median ms  (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    echo "$mode $median" >>"$results"
  done
done

echo
echo "| mode | cold invoke, median of rounds | spread | vs on | vs off |"
echo "|---|---|---|---|---|"
awk -v modes="$MODES" '
  { v[$1] = v[$1] " " $2 }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo = a[1]; hi = a[n]
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    split(modes, m, " ")
    on = median(v["on"]); off = median(v["off"])
    for (i = 1; i in m; i++) {
      x = median(v[m[i]])
      printf "| %s | %.1f ms | %.1f–%.1f | %+.1f | %+.1f |\n", m[i], x, lo, hi, x - on, x - off
    }
  }' "$results"
