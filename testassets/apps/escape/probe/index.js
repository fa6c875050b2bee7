// Tries, from inside its sandbox, what a hostile function would try, and reports each attempt as
// {probe, worked, detail}. Escape probes must not work; "control-" probes must (they prove the probes ran).
// The system-call probes live in a small C program (escape-probes, compiled by the test into this folder).
const fs = require('fs');
const net = require('net');
const http = require('http');
const { execFileSync } = require('child_process');

const results = [];
const record = (probe, worked, detail) => results.push({ probe, worked, detail: String(detail ?? '') });

function fsProbe(probe, action) {
  try { const detail = action(); record(probe, true, detail ?? 'succeeded'); } catch (e) { record(probe, false, e.code || e.message); }
}

function connectProbe(probe, host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (worked, detail) => { clearTimeout(timer); socket.destroy(); record(probe, worked, detail); resolve(); };
    const timer = setTimeout(() => done(false, 'timeout'), 3000);
    socket.on('connect', () => done(true, `connected to ${host}:${port}`));
    socket.on('error', (e) => done(false, e.code || e.message));
  });
}

function request(method, url, body) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.setTimeout(5000, () => { req.destroy(); resolve({ status: 0, body: 'timeout' }); });
    req.on('error', (e) => resolve({ status: 0, body: e.code || e.message }));
    req.end(body);
  });
}

async function all(input) {
  // Controls.
  fsProbe('control-read-own-code', () => fs.readFileSync('/var/task/index.js', 'utf8').length + ' bytes');
  fsProbe('control-write-tmp', () => fs.writeFileSync('/tmp/control', 'x'));
  const health = await request('GET', 'http://127.0.0.1:9002/health');
  record('control-platform-endpoint-health', health.status === 200, `${health.status} ${health.body}`);

  // The host's files, through paths and through descriptors the platform's parent left open.
  for (const [name, path] of Object.entries(input.hostPaths)) {
    fsProbe(`read-host-${name}`, () => { fs.statSync(path); return fs.readdirSync(path).length + ' entries'; });
  }
  fsProbe('read-etc-shadow', () => fs.readFileSync('/etc/shadow', 'utf8').length + ' bytes');
  for (const fd of input.inheritedFds) {
    fsProbe(`inherited-fd-${fd}-read`, () => fs.readdirSync(`/proc/self/fd/${fd}`).length + ' entries');
    fsProbe(`inherited-fd-${fd}-shadow`, () => fs.readFileSync(`/proc/self/fd/${fd}/etc/shadow`, 'utf8').length + ' bytes');
    fsProbe(`inherited-fd-${fd}-write`, () => fs.writeSync(fd, 'written by a function\n'));
  }
  const openPaths = fs.readdirSync('/proc/self/fd')
    .map((fd) => { try { return fs.readlinkSync(`/proc/self/fd/${fd}`); } catch { return ''; } })
    .filter((target) => target.startsWith('/') && !/^\/(dev\/null|var\/task|var\/runtime|usr|proc)/.test(target));
  record('open-host-descriptors', openPaths.length > 0, openPaths.join(' '));

  // What the sandbox tells about the host.
  const leakSources = {
    mountinfo: fs.readFileSync('/proc/self/mountinfo', 'utf8'),
    'pid1-cmdline': fs.readFileSync('/proc/1/cmdline', 'utf8').replace(/\0/g, ' '),
    'pid1-environ': fs.readFileSync('/proc/1/environ', 'utf8').replace(/\0/g, ' '),
    environment: Object.entries(process.env).map(([k, v]) => `${k}=${v}`).join(' '),
  };
  for (const [name, text] of Object.entries(leakSources)) {
    const leaked = input.secrets.filter((s) => text.includes(s));
    record(`leak-${name}`, leaked.length > 0, leaked.length > 0 ? `names ${leaked.join(', ')}` : `${text.length} chars, nothing of the host`);
  }

  // The platform, the host's loopback, and the rest of the host.
  await connectProbe('connect-admin-loopback', '127.0.0.1', input.adminPort);
  await connectProbe('connect-app-loopback', '127.0.0.1', input.appPort);
  await connectProbe('connect-admin-via-slirp-host', '10.0.2.2', input.adminPort);
  if (input.hostAddress) await connectProbe('connect-admin-via-host-address', input.hostAddress, input.adminPort);
  for (const path of ['/fathom/v1/status', '/2015-03-31/functions/', '/api/1/envelope/']) {
    const answer = await request('GET', `http://127.0.0.1:9002${path}`);
    record(`platform-endpoint-${path}`, answer.status === 200, `${answer.status}`);
  }
  if (input.otherRequestId) {
    const hijack = await request('POST', `http://127.0.0.1:9001/2018-06-01/runtime/invocation/${input.otherRequestId}/response`, '{"hijacked":true}');
    record('runtime-api-other-environment', hijack.status === 202, `${hijack.status} ${hijack.body}`);
  }

  // System calls.
  const output = execFileSync('/var/task/escape-probes', [String(input.platformPid)], { encoding: 'utf8' });
  for (const line of output.trim().split('\n')) results.push(JSON.parse(line));
  return results;
}

exports.handler = async (event) => {
  const input = event.body ? JSON.parse(event.body) : {};
  switch (input.mode) {
    case 'all':
      return { statusCode: 200, body: JSON.stringify(await all(input)) };
    case 'pids':
    case 'tmp': {
      const output = execFileSync('/var/task/escape-probes', [String(input.platformPid), input.mode], { encoding: 'utf8' });
      return { statusCode: 200, body: JSON.stringify(output.trim().split('\n').map((l) => JSON.parse(l))) };
    }
    case 'flood': {
      const line = 'x'.repeat(1023) + '\n';
      for (let i = 0; i < 12 * 1024; i++) process.stdout.write(line);
      return { statusCode: 200, body: '[]' };
    }
    case 'wait':
      console.log(`waiting ${input.marker}`);
      await new Promise((resolve) => setTimeout(resolve, input.ms));
      return { statusCode: 200, body: JSON.stringify({ waited: input.ms, marker: input.marker }) };
    default:
      return { statusCode: 400, body: 'unknown mode' };
  }
};
