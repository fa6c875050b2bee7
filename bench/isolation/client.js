// Sequential keep-alive HTTP round trips against one URL; prints the median and mean in microseconds.
const http = require('http');
const [url, count = '5000', warmup = '500'] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function once() {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject);
  });
}

(async () => {
  for (let i = 0; i < Number(warmup); i++) await once();
  const times = [];
  for (let i = 0; i < Number(count); i++) {
    const start = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(JSON.stringify({ median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)], mean }));
  agent.destroy();
})();
