// Driven by rollback-latency.sh: node rollback-latency.js APP_URL ADMIN_URL HANDLER_FILE ROUNDS CONCURRENCY
const http = require('node:http');
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const [appUrl, adminUrl, handlerFile, roundsText, concurrencyText] = process.argv.slice(2);
const rounds = Number(roundsText);
const concurrency = Number(concurrencyText);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency + 2 });

function request(url, method = 'GET', body = null) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const which = async () => (await request(`${appUrl}/which`)).text.trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function reload(revision) {
  const before = await which();
  const code = fs.readFileSync(handlerFile, 'utf8').replace(/revision: \d+/, `revision: ${revision}`);
  fs.writeFileSync(handlerFile, code);
  for (let i = 0; i < 600; i++) {
    const now = await which();
    if (now !== before) return { old: before, current: now };
    await sleep(50);
  }
  throw new Error('the reload did not make a new version live');
}

async function round(revision) {
  const { old, current } = await reload(revision);
  await sleep(1000); // the new version's environment is warm, the old one is kept warm by the server
  const samples = [];
  let stop = false;
  const clients = Array.from({ length: concurrency }, async () => {
    while (!stop) {
      const sent = performance.now();
      const { status, text } = await request(`${appUrl}/which`);
      samples.push({ sent, received: performance.now(), status, version: text.trim() });
    }
  });
  await sleep(200);
  const issued = performance.now();
  const rollback = await request(`${adminUrl}/fathom/v1/rollback`, 'POST', '{}');
  const answered = performance.now();
  if (rollback.status !== 200) throw new Error(`rollback answered ${rollback.status}: ${rollback.text}`);
  await sleep(300);
  stop = true;
  await Promise.all(clients);
  const failed = samples.filter((s) => s.status !== 200).length;
  const afterIssue = samples.filter((s) => s.received >= issued).sort((a, b) => a.sent - b.sent);
  const first = afterIssue.filter((s) => s.version === old).sort((a, b) => a.received - b.received)[0];
  // From which request on did every request (by send time) answer the old version?
  let lastNew = -1;
  afterIssue.forEach((s, i) => { if (s.version !== old) lastNew = i; });
  const allFrom = afterIssue.slice(lastNew + 1).sort((a, b) => a.received - b.received)[0];
  return {
    old, current, failed, requests: samples.length,
    firstMs: first.received - issued,
    allMs: allFrom.received - issued,
    apiMs: answered - issued,
    flipMs: JSON.parse(rollback.text).flipMilliseconds,
  };
}

(async () => {
  const results = [];
  for (let i = 1; i <= rounds; i++) {
    const r = await round(i);
    results.push(r);
    console.log(`round ${i}: ${r.current} → ${r.old}  first old answer ${r.firstMs.toFixed(1)} ms, all ${r.allMs.toFixed(1)} ms, ` +
      `API round trip ${r.apiMs.toFixed(1)} ms (flip ${r.flipMs} ms in the server), ${r.requests} requests, ${r.failed} failed`);
  }
  const stat = (key) => {
    const v = results.map((r) => r[key]).sort((a, b) => a - b);
    return `median ${v[Math.floor(v.length / 2)].toFixed(1)} ms, max ${v[v.length - 1].toFixed(1)} ms`;
  };
  console.log(`\n${rounds} rollbacks, ${concurrency} clients:`);
  console.log(`  command issued → first request answered by the old version: ${stat('firstMs')}`);
  console.log(`  command issued → every request answered by the old version: ${stat('allMs')}`);
  console.log(`  admin API round trip: ${stat('apiMs')}; flip inside the server: ${stat('flipMs')}`);
  console.log(`  failed requests: ${results.reduce((n, r) => n + r.failed, 0)} of ${results.reduce((n, r) => n + r.requests, 0)}`);
  agent.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
