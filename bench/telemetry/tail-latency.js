// Tail latency: from sending a request whose handler prints one line to that line arriving on a live tail
// (GET /fathom/v1/logs/stream, Server-Sent Events). An upper bound of print -> client: the line is printed after the
// request is sent. Usage: node tail-latency.js APP_URL ADMIN_URL [COUNT] [RATE_PER_S]
const http = require('http')
const [appUrl, adminUrl, countArg, rateArg] = process.argv.slice(2)
const count = Number(countArg ?? 200), rate = Number(rateArg ?? 20)
const sent = new Map(), latencies = []
let buffer = ''

const stream = http.get(`${adminUrl}/fathom/v1/logs/stream?function=LogLine`, { headers: { accept: 'text/event-stream' } }, res => {
  res.setEncoding('utf8')
  res.on('data', chunk => {
    buffer += chunk
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end); buffer = buffer.slice(end + 2)
      const data = event.split('\n').find(l => l.startsWith('data: '))
      if (!data) continue
      const record = JSON.parse(data.slice(6))
      const tag = /[?&]n=(\d+)/.exec(record.message ?? '')
      if (record.invocation || !tag) continue
      const t0 = sent.get(tag[1])
      if (t0 !== undefined) { latencies.push(Number(process.hrtime.bigint() - t0) / 1e6); sent.delete(tag[1]) }
    }
  })
  setTimeout(run, 500)
})

async function run () {
  for (let i = 0; i < count; i++) {
    // The line can reach the tail before the response reaches us: the tag is registered before sending.
    sent.set(String(i), process.hrtime.bigint())
    await new Promise((resolve, reject) => http.get(`${appUrl}/log?n=${i}`, res => { res.resume(); res.on('end', resolve) }).on('error', reject))
    await new Promise(r => setTimeout(r, 1000 / rate))
  }
  const deadline = Date.now() + 10000
  while (sent.size > 0 && Date.now() < deadline) await new Promise(r => setTimeout(r, 50))
  latencies.sort((a, b) => a - b)
  const q = p => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1)
  console.log(`tail latency over ${latencies.length} lines (${sent.size} never arrived): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`)
  stream.destroy(); process.exit(sent.size > 0 ? 1 : 0)
}
