// Runs inside a sandbox and reports what it could reach, as one JSON line on stdout.
// argv: <data dir> <other function's code dir> <admin port> [outbound host:port] [slirp-host-loopback port]
const fs = require('fs');
const os = require('os');
const net = require('net');
const http = require('http');

const [dataDir, otherCode, adminPort, outbound, gatewayPort] = process.argv.slice(2);

function tryFs(fn) {
  try { fn(); return 'ok'; } catch (e) { return e.code || String(e); }
}

function tryConnect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const timer = setTimeout(() => { socket.destroy(); resolve('timeout'); }, 5000);
    socket.on('connect', () => { clearTimeout(timer); socket.destroy(); resolve('connected'); });
    socket.on('error', (e) => { clearTimeout(timer); resolve(e.code || String(e)); });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(body));
    });
    req.setTimeout(5000, () => { req.destroy(); resolve('timeout'); });
    req.on('error', (e) => resolve(e.code || String(e)));
  });
}

(async () => {
  let userName = null;
  const result = {
    readData: tryFs(() => fs.readdirSync(dataDir)),
    readOtherCode: tryFs(() => fs.readdirSync(otherCode)),
    platformEnv: process.env.FATHOM_PLATFORM_SECRET ?? null,
    envKeys: Object.keys(process.env).sort(),
    writeCode: tryFs(() => fs.writeFileSync('/var/task/written-by-function', 'x')),
    writeTmp: tryFs(() => fs.writeFileSync('/tmp/scratch', 'x')),
    user: tryFs(() => { userName = os.userInfo().username; }),
    uid: process.getuid(),
    interfaces: fs.readFileSync('/proc/net/dev', 'utf8').split('\n').slice(2).map((l) => l.split(':')[0].trim()).filter(Boolean),
    admin: await tryConnect('127.0.0.1', adminPort),
    runtimeApi: await get('http://127.0.0.1:9001/2018-06-01/runtime/invocation/next'),
  };
  result.userName = userName;
  if (outbound) {
    const [host, port] = outbound.split(':');
    result.outbound = await tryConnect(host, port);
  }
  if (gatewayPort) {
    result.hostLoopbackViaGateway = await tryConnect('10.0.2.2', gatewayPort);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
})();
