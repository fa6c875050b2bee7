// Renders the JSON lines bench/run.sh writes as markdown: per target and concurrency the median over rounds with its
// min-max, ratios against serverless-offline, launch -> first 200, and every reading with the quiet-machine check.
// Usage: node bench/report.js bench/results/<time>.jsonl
'use strict'
const fs = require('fs')

const file = process.argv[2]
if (!file) { console.error('usage: node bench/report.js RESULTS.jsonl'); process.exit(2) }
const records = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
const meta = records.find((r) => r.kind === 'meta') || {}
const loads = records.filter((r) => r.kind === 'load')
const launches = records.filter((r) => r.kind === 'launch')

const describe = {
  fathom: 'Fathom (`fathom up`, sandboxed aws-lambda-ric)',
  'sls-inproc': 'serverless-offline `--useInProcess`',
  sls: 'serverless-offline (default: worker threads)',
  floor: 'floor (bare `node:http`, in-process)',
  ric: 'Runtime API shim + 1 aws-lambda-ric (unsandboxed)',
  runtime: 'Fathom runtime alone behind Kestrel (no gateway, sandboxed)'
}
const baselines = ['sls-inproc', 'sls'].filter((b) => (meta.targets || []).includes(b))

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const ms = (us) => us / 1000
const fmtMs = (v) => (v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3))
const fmtRps = (v) => Math.round(v).toLocaleString('en-US')
const fmtRatio = (v) => (v >= 10 ? v.toFixed(0) : v.toFixed(2)) + '×'
const spread = (xs, fmt) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`

const rps = (r) => r.wrk.requests / r.wrk.duration_us * 1e6
const errors = (r) => r.wrk.connect_errors + r.wrk.read_errors + r.wrk.write_errors + r.wrk.timeouts + r.wrk.http_errors
// Noisy: the machine never got quiet before the run, or other processes (not the target) were busy right after it.
const noisy = (r) => !r.quiet || r.busy_after_pct - (r.own_after_pct || 0) >= meta.busy_max_pct
const metrics = {
  'req/s': { get: rps, fmt: fmtRps },
  'p50 ms': { get: (r) => ms(r.wrk.p50_us), fmt: fmtMs },
  'p90 ms': { get: (r) => ms(r.wrk.p90_us), fmt: fmtMs },
  'p99 ms': { get: (r) => ms(r.wrk.p99_us), fmt: fmtMs },
  'p99.9 ms': { get: (r) => ms(r.wrk.p999_us), fmt: fmtMs }
}

const allTargets = meta.targets || [...new Set(records.map((r) => r.target).filter(Boolean))]
const targets = allTargets.filter((t) => loads.some((r) => r.target === t))
const conns = meta.concurrency || [...new Set(loads.map((r) => r.c))]
const launchNoisy = (r) => !r.quiet
const of = (t, c) => loads.filter((r) => r.target === t && r.c === c)

const out = []
const p = (s = '') => out.push(s)

p(`## Run ${meta.started || ''}`)
p()
p(`Commit ${meta.commit}${meta.dirty ? ' (src modified)' : ''}; ${meta.cores} cores, kernel ${meta.kernel}, node ${meta.node}, ` +
  `.NET SDK ${meta.dotnet}, wrk ${meta.wrk}. ${meta.rounds} round(s); in each, every target in turn: ` +
  `${meta.launches} launch(es) timed to the first 200` +
  (conns.length
    ? `, ${meta.launch_warmup_s} s warm-up at c${Math.max(...conns)}, then per concurrency a quiet-machine check ` +
      `(< ${meta.busy_max_pct} % busy over 1 s, waiting up to ${meta.quiet_wait_s} s), ${meta.warmup_s} s warm-up, ` +
      `${meta.duration_s} s measured`
    : ` (launches only), each after a quiet-machine check (< ${meta.busy_max_pct} % busy over 1 s, waiting up to ` +
      `${meta.quiet_wait_s} s)`) +
  '. Medians over rounds, (min–max).')

for (const c of conns) {
  p()
  p(`### c${c} (${of(targets[0], c)[0]?.threads ?? '?'} wrk thread(s))`)
  p()
  p(`| target | rounds (noisy) | ${Object.keys(metrics).join(' | ')} | errors |`)
  p(`|---|---|${Object.keys(metrics).map(() => '---').join('|')}|---|`)
  for (const t of targets) {
    const rs = of(t, c)
    const cells = Object.values(metrics).map((m) => spread(rs.map(m.get), m.fmt))
    p(`| ${describe[t] || t} | ${rs.length} (${rs.filter(noisy).length}) | ${cells.join(' | ')} | ${rs.reduce((s, r) => s + errors(r), 0)} |`)
  }
}

// Ratios: target ÷ baseline, both as the ratio of the medians and as the range of the per-round ratios (the targets
// alternate within a round, so a round's pair shares the machine's state).
for (const b of baselines) {
  p()
  p(`### Ratios against ${describe[b]}`)
  p()
  p('Target ÷ baseline: the ratio of the medians, then (in brackets) the lowest and highest ratio within one round. ' +
    'req/s above 1 is faster; latency above 1 is slower.')
  p()
  const cols = ['req/s', 'p50 ms', 'p99 ms']
  p(`| target | c | ${cols.map((m) => m.replace(' ms', '')).join(' | ')} |`)
  p(`|---|---|${cols.map(() => '---').join('|')}|`)
  for (const t of targets.filter((x) => x !== b)) {
    for (const c of conns) {
      const cells = cols.map((name) => {
        const get = metrics[name].get
        const mine = of(t, c)
        const theirs = of(b, c)
        if (!mine.length || !theirs.length) return 'n/a'
        const perRound = mine.map((r) => {
          const peer = theirs.find((x) => x.round === r.round)
          return peer ? get(r) / get(peer) : null
        }).filter((x) => x !== null)
        const whole = fmtRatio(median(mine.map(get)) / median(theirs.map(get)))
        return perRound.length ? `${whole} [${fmtRatio(Math.min(...perRound))}–${fmtRatio(Math.max(...perRound))}]` : whole
      })
      p(`| ${t} | ${c} | ${cells.join(' | ')} |`)
    }
  }
}

if (launches.length) {
  p()
  p('### Launch → first 200')
  p()
  p('From starting the command to the first HTTP 200 on the route (polled every 5 ms). Fathom: the Release ' +
    'CLI with the app\'s artifacts and the runtime client already cached (a user\'s second `fathom up`).')
  p()
  p(`| target | samples (noisy) | median ms (min–max) |${baselines.map((b) => ` ÷ ${b} |`).join('')}`)
  p(`|---|---|---|${baselines.map(() => '---|').join('')}`)
  const lm = (t) => launches.filter((r) => r.target === t).map((r) => r.ms)
  for (const t of allTargets) {
    const xs = lm(t)
    if (!xs.length) continue
    const ratios = baselines.map((b) => (lm(b).length ? ` ${fmtRatio(median(xs) / median(lm(b)))} |` : ' n/a |')).join('')
    const n = launches.filter((r) => r.target === t && launchNoisy(r)).length
    p(`| ${describe[t] || t} | ${xs.length} (${n}) | ${spread(xs, (v) => String(Math.round(v)))} |${ratios}`)
  }
}

if (loads.length) {
  p()
  p('### Every measured run')
  p()
  p(`busy: share of all ${meta.cores} cores in use over the 1 s before the warm-up (after waiting "waited" s for it to ` +
    `drop below ${meta.busy_max_pct} %) and over the 1 s after the run; own: the part of it used by the target's own ` +
    'processes; steal: taken by the hypervisor; load: 1-minute load average before. ' +
    'noisy: never quiet before, or other processes busy after.')
  p()
  p('| round | target | c | req/s | p50 ms | p90 ms | p99 ms | errors | busy before % (own) | waited s | steal % | load | busy after % (own) | noisy |')
  p('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const r of loads) {
    p(`| ${r.round} | ${r.target} | ${r.c} | ${fmtRps(rps(r))} | ${fmtMs(ms(r.wrk.p50_us))} | ${fmtMs(ms(r.wrk.p90_us))} | ` +
      `${fmtMs(ms(r.wrk.p99_us))} | ${errors(r)} | ${r.busy_pct} (${r.own_pct}) | ${r.waited_s} | ${r.steal_pct} | ${r.load1} | ` +
      `${r.busy_after_pct} (${r.own_after_pct}) | ${noisy(r) ? 'noisy' : ''} |`)
  }
}
if (launches.length) {
  p()
  p('Launch samples (ms, busy % before): ' + allTargets.map((t) =>
    `${t} ${launches.filter((r) => r.target === t).map((r) => `${r.ms} (${r.busy_pct})`).join(', ')}`).join('; ') + '.')
}

console.log(out.join('\n'))
