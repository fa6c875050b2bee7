#!/usr/bin/env bash
# Fathom against its peers on the same handler (bench/apps/hello), in one run, loaded with wrk on loopback.
#
#   bench/run.sh [options]
#
# Targets (-t, run in the given order within each round):
#   fathom      `fathom up bench/apps/hello` (Release CLI from ./fathom, artifacts cached; sandboxed aws-lambda-ric)
#   sls-inproc  serverless-offline 13 --useInProcess (handler inside the emulator's process)
#   sls         serverless-offline 13, default mode (a worker thread per concurrent instance)
#   floor       a bare node:http server calling the handler in-process (the lowest cost a Node handler can have)
#   ric         a Runtime API shim in front of one aws-lambda-ric process (the out-of-process design, unsandboxed)
#   runtime     not run by default: Fathom's runtime alone behind a bare Kestrel endpoint (bench/Fathom.Benchmarks
#               serve: no gateway, no console output; sandboxed), to tell the gateway's cost from the runtime's
#
# Protocol (docs/benchmarks.md): a prep launch of every target, then ROUNDS rounds; in each round every target in
# turn is launched (launch -> first 200 timed, LAUNCHES samples) and warmed up, then for each concurrency: quiet-machine
# check, warm-up, measured wrk run, a second CPU reading. The table gives medians over rounds with min-max, and ratios.
#
# Options:
#   -r N       rounds (default 5)
#   -d SEC     measured wrk run per round and concurrency (default 30)
#   -W SEC     warm-up after each launch, at the highest concurrency, discarded (default 10): long enough for
#              .NET's tiered compilation to settle, which otherwise goes on for about a second after the first loads
#   -w SEC     warm-up before each measured run, same concurrency, discarded (default 5)
#   -c LIST    concurrency levels, quoted (default "1 16"); wrk threads = min(c, cores); "" measures launches only
#   -t LIST    targets, quoted (default "fathom sls-inproc sls floor ric")
#   -k N       launch -> first 200 samples per target and round (default 2)
#   -q SEC     longest wait for a quiet machine before each measurement (default 90)
#   -b PCT     quiet means under PCT % of all cores busy over one second (default 10)
#   -K         keep the raw wrk and server logs (their folder is printed)
# Smoke run: bench/run.sh -r 1 -d 3 -W 2 -w 1 -k 1 -q 5
# Writes bench/results/<UTC time>.md (the table) and .jsonl (every reading); prints the table.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
peers="$bench/peers"

rounds=5 dur=30 warm=5 launch_warm=10 conns="1 16" targets="fathom sls-inproc sls floor ric" launches=2 quiet_wait=90 busy_max=10 keep=0
usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while getopts "r:d:w:W:c:t:k:q:b:Kh" opt; do
  case $opt in
    r) rounds=$OPTARG ;; d) dur=$OPTARG ;; w) warm=$OPTARG ;; W) launch_warm=$OPTARG ;; c) conns=$OPTARG ;; t) targets=$OPTARG ;;
    k) launches=$OPTARG ;; q) quiet_wait=$OPTARG ;; b) busy_max=$OPTARG ;; K) keep=1 ;; h) usage 0 ;; *) usage 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage 2
for t in $targets; do
  case $t in fathom|sls-inproc|sls|floor|ric|runtime) ;; *) echo "unknown target '$t'" >&2; usage 2 ;; esac
done
for n in "$rounds" "$dur" "$warm" "$launch_warm" "$launches" "$quiet_wait" "$busy_max" $conns; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "not a whole number: '$n'" >&2; usage 2; }
done
(( rounds >= 1 && dur >= 1 && launches >= 1 )) || { echo "-r, -d and -k must be at least 1" >&2; usage 2; }

log() { echo "bench: $*" >&2; }
if [[ " $targets " == *" fathom "* || " $targets " == *" runtime "* ]] && [ "$(id -u)" -ne 0 ]; then
  log "warning: not root: Fathom may not be able to sandbox its runtime processes (docs/isolation.md)"
fi

# --- Setup: tools, the peers (npm ci, cached by lock file hash), the Fathom CLI (Release, ReadyToRun) ---------------

# shellcheck source=eng/scripts/prereqs.sh
. "$root/eng/scripts/prereqs.sh"
# wrk loads; curl shows a target's first answer; aws-lambda-ric's install script builds its native client from source.
fathom_prereqs wrk curl g++ make cmake autoconf automake libtool

lock_sha="$(sha256sum "$peers/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$peers/node_modules/.fathom-lock-sha256" 2>/dev/null)" != "$lock_sha" ]; then
  log "installing the peers from bench/peers/package-lock.json (the runtime client's native build takes minutes) ..."
  (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error >&2)
  [ -f "$peers/node_modules/aws-lambda-ric/dist/rapid-client.node" ] \
    || { echo "aws-lambda-ric's native client was not built (were install scripts skipped?)" >&2; exit 1; }
  echo "$lock_sha" >"$peers/node_modules/.fathom-lock-sha256"
fi

# ./fathom publishes the CLI (Release, ReadyToRun) into .build/cli when sources changed; `runtimes install` also
# fills the runtime client cache, so no launch below pays for either.
log "building Fathom (Release) ..."
"$root/fathom" runtimes install >/dev/null
fathom_dll="$root/.build/cli/fathom.dll"
serve_dll="$bench/Fathom.Benchmarks/bin/Release/net10.0/Fathom.Benchmarks.dll"
if [[ " $targets " == *" runtime "* ]]; then
  dotnet build "$bench/Fathom.Benchmarks" -c Release --nologo -v q -clp:NoSummary >&2
fi

scratch="$(mktemp -d -t fathom-bench.XXXXXX)"
# Fathom keeps its state in DIR/.fathom: serve a copy, so the worktree stays clean and the prep launch below builds
# the artifacts once, as on a user's second `fathom up`.
app="$scratch/app"
cp -r "$bench/apps/hello" "$app"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$bench/results"
raw="$bench/results/$stamp.jsonl"
table="$bench/results/$stamp.md"

# Fake credentials and an offline, quiet Serverless Framework: no target may reach off this machine.
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
  SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off SLS_DEPRECATION_DISABLE='*' SLS_INTERACTIVE_SETUP_DISABLE=1 CI=1

# --- Targets -------------------------------------------------------------------------------------------------------

server_pid=""   # the target's session leader; every target runs in a session (and process group) of its own
port="" url=""

# launch NAME LOG PORT PORT2: starts the target on PORT (serverless-offline also takes PORT2 for its Lambda API);
# sets server_pid, port and url
launch() {
  local name=$1 out=$2 port2=$4
  port=$3 url="http://127.0.0.1:$3/hello"
  case $name in
    fathom)
      (exec setsid dotnet "$fathom_dll" up "$app" --port "$port" --admin-port 0 --no-watch) >"$out" 2>&1 & ;;
    sls|sls-inproc)
      local extra=(); [ "$name" = sls-inproc ] && extra=(--useInProcess)
      (cd "$peers/sls" && exec setsid node ../node_modules/serverless/bin/serverless.js offline --host 127.0.0.1 \
        --httpPort "$port" --lambdaPort "$port2" --noSponsor "${extra[@]}") >"$out" 2>&1 & ;;
    floor)
      (cd "$peers" && PORT=$port exec setsid node floor.js) >"$out" 2>&1 & ;;
    ric)
      (cd "$peers" && PORT=$port RIC_POOL=1 exec setsid node ric-shim.js) >"$out" 2>&1 & ;;
    runtime)
      (exec setsid dotnet "$serve_dll" serve --port "$port") >"$out" 2>&1 & ;;
  esac
  server_pid=$!
}

# Fathom's runtime processes run in sessions of their own (sandboxed); their command lines name the app copy.
leftovers() { pgrep -f "$app/" || true; }

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM -- "-$server_pid" 2>/dev/null || true
  local i
  for i in $(seq 150); do kill -0 -- "-$server_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 -- "-$server_pid" 2>/dev/null; then
    log "warning: target still running 15 s after SIGTERM; killing its process group"
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  server_pid=""
  for i in $(seq 50); do [ -z "$(leftovers)" ] && return 0; sleep 0.1; done
  log "warning: runtime processes left after fathom stopped: $(leftovers | tr '\n' ' ')"
}

cleanup() {
  stop_server
  if [ "$keep" = 1 ]; then log "raw logs kept in $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_ports: two free loopback ports (starting node takes tens of milliseconds: call it before a clock starts)
free_ports() {
  node -e "
    const net = require('net'), a = net.createServer().listen(0, '127.0.0.1', () => {
      const b = net.createServer().listen(0, '127.0.0.1', () => {
        console.log(a.address().port, b.address().port); a.close(); b.close() }) })"
}


# answers_200: one GET /hello on the target's port through bash's /dev/tcp, true on HTTP 200. Starting curl costs
# 20-30 ms of CPU here, which the target starting on the other core would feel; this costs next to nothing.
answers_200() {
  local fd line
  { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&"$fd"
  IFS= read -r -t 30 -u "$fd" line || line=""
  exec {fd}>&-
  [[ $line == "HTTP/1."?" 200 "* ]]
}

# A FIFO that nothing writes to: `read -t` on it is a sleep that starts no process.
mkfifo "$scratch/tick"
exec {tick}<>"$scratch/tick"

# wait_200 TIMEOUT_S: polls the target every 5 ms until it answers 200; fails if it exits or the time runs out
wait_200() {
  local deadline=$(( ${EPOCHREALTIME/./} + $1 * 1000000 ))   # µs
  while (( ${EPOCHREALTIME/./} < deadline )); do
    answers_200 && return 0
    kill -0 "$server_pid" 2>/dev/null || return 1
    read -r -t 0.005 -u "$tick" || true
  done
  return 1
}

# --- Quiet-machine check -------------------------------------------------------------------------------------------

# tree_ticks: CPU ticks (user + system) used so far by the running target: its session leader and every descendant
# (Fathom's sandboxed runtime processes run in sessions of their own, below it).
tree_ticks() {
  [ -n "$server_pid" ] || { echo 0; return 0; }
  local pid
  ps -e -o pid=,ppid= | awk -v root="$server_pid" '
    { parent[$1] = $2 }
    END {
      tree[root] = 1
      do { grew = 0; for (p in parent) if (!(p in tree) && (parent[p] in tree)) { tree[p] = 1; grew = 1 } } while (grew)
      for (p in tree) print p
    }' | while read -r pid; do cat "/proc/$pid/stat" 2>/dev/null || true; done \
    | awk '{ sub(/.*\) /, ""); s += $12 + $13 } END { print s + 0 }'   # fields after "(comm) "
}

# cpu_sample: over one second, from /proc/stat, the share (%) of all cores that was busy (idle and iowait count as
# idle), stolen by the hypervisor, and used by the target itself; sets busy, steal, own.
cpu_sample() {
  local a b total=0 i t0 t1
  t0=$(tree_ticks); read -ra a </proc/stat
  sleep 1
  t1=$(tree_ticks); read -ra b </proc/stat
  for i in 1 2 3 4 5 6 7 8; do total=$(( total + b[i] - a[i] )); done
  local idle=$(( b[4] + b[5] - a[4] - a[5] ))
  (( total > 0 )) || total=1
  busy=$(( 100 * (total - idle) / total )) steal=$(( 100 * (b[8] - a[8]) / total )) own=$(( 100 * (t1 - t0) / total ))
  (( own <= busy )) || own=$busy   # the two readings are a few milliseconds apart
}

# quiet_check: waits (at most quiet_wait s) until a one-second sample shows the machine under busy_max % busy, the
# target's own work included (a target still busy after the last load, e.g. compiling, is not yet in a steady
# state). Sets q_busy, q_steal, q_own, q_waited (s), q_load1 and q_quiet (true/false). The load average is recorded,
# not used: right after a measured run it mostly reflects the benchmark's own load.
quiet_check() {
  local start=$SECONDS
  cpu_sample
  while (( busy >= busy_max && SECONDS - start < quiet_wait )); do sleep 2; cpu_sample; done
  q_busy=$busy q_steal=$steal q_own=$own q_waited=$(( SECONDS - start ))
  q_load1=$(cut -d' ' -f1 /proc/loadavg)
  if (( busy < busy_max )); then q_quiet=true; else q_quiet=false; fi
}

quiet_json() {
  printf '"busy_pct":%d,"own_pct":%d,"steal_pct":%d,"waited_s":%d,"load1":%s,"quiet":%s' \
    "$q_busy" "$q_own" "$q_steal" "$q_waited" "$q_load1" "$q_quiet"
}

# --- Measurements --------------------------------------------------------------------------------------------------

cores=$(nproc)

# start_target NAME ROUND: LAUNCHES timed launches (launch -> first 200); the last one keeps running
start_target() {
  local name=$1 r=$2 k t0 ms ports q
  for k in $(seq "$launches"); do
    ports=$(free_ports)
    quiet_check
    q=$(quiet_json)
    t0=${EPOCHREALTIME/./}
    # shellcheck disable=SC2086 # two ports
    launch "$name" "$scratch/$name.$r.$k.log" $ports
    if ! wait_200 120; then
      log "$name never answered 200; its log ends with:"; tail -20 "$scratch/$name.$r.$k.log" >&2; exit 1
    fi
    ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
    printf '{"kind":"launch","round":%d,"target":"%s","sample":%d,"ms":%d,%s}\n' "$r" "$name" "$k" "$ms" "$q" >>"$raw"
    log "round $r $name: launch -> first 200 in $ms ms (machine ${q_busy}% busy before)"
    if (( k < launches )); then stop_server; fi
  done
}

# run_wrk C SECONDS OUT: wrk at concurrency C; the last line of OUT is wrk-report.lua's JSON
run_wrk() {
  local c=$1 t=$(( $1 < cores ? $1 : cores ))
  wrk -t"$t" -c"$c" -d"${2}s" --timeout 10s --latency -s "$bench/wrk-report.lua" "$url" >"$3" 2>&1 || true
}

# measure NAME ROUND C: quiet check, warm-up, measured run, CPU reading after; appends one record
measure() {
  local name=$1 r=$2 c=$3 out="$scratch/$1.$2.c$3.wrk.txt" q result
  quiet_check
  if [ "$q_quiet" = false ]; then log "round $r $name c$c: machine still ${q_busy}% busy after ${q_waited} s; measuring anyway (noisy)"; fi
  q=$(quiet_json)
  if (( warm > 0 )); then run_wrk "$c" "$warm" "$scratch/$name.$r.c$c.warm.txt"; fi
  run_wrk "$c" "$dur" "$out"
  result=$(sed -n 's/^FATHOM_BENCH //p' "$out")
  if [ -z "$result" ]; then log "wrk failed against $name:"; cat "$out" >&2; exit 1; fi
  cpu_sample
  printf '{"kind":"load","round":%d,"target":"%s","c":%d,"threads":%d,"time":"%s","wrk":%s,%s,"busy_after_pct":%d,"own_after_pct":%d}\n' \
    "$r" "$name" "$c" $(( c < cores ? c : cores )) "$(date -u +%FT%TZ)" "$result" "$q" "$busy" "$own" >>"$raw"
  log "round $r $name c$c: $(node -e '
    const w = JSON.parse(process.argv[1]), errs = w.connect_errors + w.read_errors + w.write_errors + w.timeouts + w.http_errors
    console.log(`${Math.round(w.requests / w.duration_us * 1e6)} req/s, p50 ${w.p50_us / 1000} ms, p99 ${w.p99_us / 1000} ms, ${errs} errors`)
  ' "$result") (machine ${q_busy}% busy before, ${busy}% after)"
}

# --- The run -------------------------------------------------------------------------------------------------------

printf '{"kind":"meta","started":"%s","commit":"%s","dirty":%s,"cores":%d,"kernel":"%s","node":"%s","dotnet":"%s","wrk":"%s","rounds":%d,"duration_s":%d,"launch_warmup_s":%d,"warmup_s":%d,"concurrency":[%s],"targets":[%s],"launches":%d,"quiet_wait_s":%d,"busy_max_pct":%d}\n' \
  "$(date -u +%FT%TZ)" "$(git -C "$root" rev-parse --short HEAD)" \
  "$([ -n "$(git -C "$root" status --porcelain -- src)" ] && echo true || echo false)" "$cores" "$(uname -r)" \
  "$(node --version)" "$(dotnet --version)" "$(wrk --version 2>&1 | head -1 | cut -d' ' -f2)" \
  "$rounds" "$dur" "$launch_warm" "$warm" "$(echo $conns | tr ' ' ',')" "$(printf '"%s",' $targets | sed 's/,$//')" \
  "$launches" "$quiet_wait" "$busy_max" >"$raw"

# One untimed launch each: Fathom builds the app's artifacts, every target's files reach the page cache, and a target
# that cannot start fails the run now rather than after minutes of measuring.
for t in $targets; do
  # shellcheck disable=SC2086 # two ports
  launch "$t" "$scratch/$t.prep.log" $(free_ports)
  wait_200 300 || { log "$t never answered 200; its log ends with:"; tail -20 "$scratch/$t.prep.log" >&2; exit 1; }
  log "prep: $t answers: $(curl -s --max-time 5 "$url")"
  stop_server
done

max_conn=$(for c in $conns; do echo "$c"; done | sort -n | tail -1)
for r in $(seq "$rounds"); do
  for t in $targets; do
    start_target "$t" "$r"
    if [ -n "$max_conn" ] && (( launch_warm > 0 )); then run_wrk "$max_conn" "$launch_warm" "$scratch/$t.$r.warm.txt"; fi
    for c in $conns; do measure "$t" "$r" "$c"; done
    stop_server
  done
done

node "$bench/report.js" "$raw" | tee "$table"
log "results: ${table#"$root/"} (table), ${raw#"$root/"} (every reading)"
