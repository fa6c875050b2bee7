// Handlers for the sandbox tests: each tries something a function should or should not be able to do and
// returns what happened, so the test asserts on the function's own view.
const fs = require('node:fs');
const net = require('node:net');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');

const attempt = (fn) => {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, error: e.code ?? e.message };
  }
};

const connect = (host, port) => new Promise((resolve) => {
  const socket = net.connect({ host, port, timeout: 2000 });
  socket.on('connect', () => { socket.destroy(); resolve({ ok: true }); });
  socket.on('timeout', () => { socket.destroy(); resolve({ ok: false, error: 'timeout' }); });
  socket.on('error', (e) => resolve({ ok: false, error: e.code ?? e.message }));
});

exports.echo = async (event) => ({ echo: event });

// event: { read: [paths], write: [paths], connect: [[host, port]] }
exports.probe = async (event) => {
  const result = { read: {}, write: {}, connect: {}, env: Object.keys(process.env), uid: process.getuid() };
  for (const path of event.read ?? []) result.read[path] = attempt(() => fs.readFileSync(path, 'utf8').length);
  for (const path of event.write ?? []) result.write[path] = attempt(() => fs.writeFileSync(path, 'x'));
  for (const [host, port] of event.connect ?? []) result.connect[`${host}:${port}`] = await connect(host, port);
  return result;
};

// Answers an invocation of another environment through the Runtime API address that environment was given
// (event.address, as the victim printed it), or through this environment's own.
exports.hijack = async (event) => new Promise((resolve) => {
  const address = event.address ?? process.env.AWS_LAMBDA_RUNTIME_API;
  const request = http.request({
    host: address.split(':')[0],
    port: Number(address.split(':')[1]),
    method: 'POST',
    path: `/2018-06-01/runtime/invocation/${event.requestId}/response`,
  }, (response) => { response.resume(); resolve({ status: response.statusCode }); });
  request.on('error', (e) => resolve({ error: e.code }));
  request.end('"hijacked"');
});

exports.slow = async (event) => {
  console.log(`runtime-api ${process.env.AWS_LAMBDA_RUNTIME_API}`);
  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 2000));
  return 'mine';
};

// Touches memory outside the V8 heap until the environment is killed.
exports.hog = async () => {
  const blocks = [];
  for (;;) {
    blocks.push(Buffer.alloc(16 * 1024 * 1024, 1));
    await new Promise((resolve) => setImmediate(resolve));
  }
};

// A fork bomb in the background (a loop starting sleepers until forks fail); reports the most processes this environment ever held over 3 s.
exports.forkbomb = async () => {
  spawn('sh', ['-c', 'while :; do sleep 30 & done'], { stdio: 'ignore' });
  let most = 0;
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    most = Math.max(most, fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length);
  }
  return { most };
};

// Prints event.mb megabytes in 1 KB lines.
exports.flood = async (event) => {
  const line = 'f'.repeat(1023) + '\n';
  const chunk = line.repeat(1024);
  for (let i = 0; i < (event.mb ?? 100); i++) process.stdout.write(chunk);
  return 'flooded';
};

// A child with a unique marker in its command line, for the cleanup test.
exports.spawn = async (event) => {
  spawn('sh', ['-c', `sleep 300; echo ${event.marker}`], { stdio: 'ignore' });
  return 'spawned';
};

exports.env = async () => ({ env: process.env, cwd: process.cwd() });

// Holds event.mb megabytes for event.ms in a child process and returns once the child has exited, so the memory is
// used during this invocation only (freed memory in the function's own process would wait for a GC).
exports.allocate = async (event) => {
  const { status } = spawnSync(process.execPath, ['-e',
    `globalThis.b = Buffer.alloc(${event.mb ?? 100} * 1024 * 1024, 1); setTimeout(() => {}, ${event.ms ?? 300})`]);
  return { status };
};
