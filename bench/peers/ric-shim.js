// Minimal Lambda Runtime API + HTTP gateway shim, to estimate the cost of the
// out-of-process design: gateway request -> queued invocation -> runtime's
// long-poll GET /2018-06-01/runtime/invocation/next -> POST .../response.
// Spawns RIC_POOL runtime processes of the official Node runtime interface
// client (aws-lambda-ric). Env: PORT (gateway), RIC_POOL (default 1).
'use strict'
const http = require('http')
const path = require('path')
const crypto = require('crypto')
const { spawn } = require('child_process')
const { buildEvent, writeResult, readBody } = require('./v2event')

const port = Number(process.env.PORT || 3000)
const pool = Number(process.env.RIC_POOL || 1)
// The handler every target runs: the code of the SAM app Fathom serves.
const taskRoot = path.join(__dirname, '..', 'apps', 'hello', 'src')
const ricBin = require.resolve('aws-lambda-ric/bin/index.mjs', { paths: [__dirname] })

const queue = []        // invocations waiting for a runtime
const idle = []         // runtime GET /next responses waiting for an invocation
const inflight = new Map() // requestId -> gateway response

function dispatch (rtRes, inv) {
  inflight.set(inv.id, inv.res)
  const body = JSON.stringify(inv.event)
  rtRes.writeHead(200, {
    'content-type': 'application/json',
    'lambda-runtime-aws-request-id': inv.id,
    'lambda-runtime-deadline-ms': String(Date.now() + 30000),
    'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:123456789012:function:bench',
    'lambda-runtime-trace-id': 'Root=1-00000000-000000000000000000000000;Sampled=0',
    'content-length': Buffer.byteLength(body)
  })
  rtRes.end(body)
}

const runtimeApi = http.createServer(async (req, res) => {
  const m = req.url.match(/^\/2018-06-01\/runtime\/(?:invocation\/(next|[^/]+)(?:\/(response|error))?|init\/error)$/)
  if (!m) { res.writeHead(404); return res.end() }
  if (req.method === 'GET' && m[1] === 'next') {
    const inv = queue.shift()
    return inv ? dispatch(res, inv) : idle.push(res)
  }
  const body = await readBody(req)
  if (!m[1]) { console.error('init error', body.toString()); res.writeHead(202); return res.end() }
  const gw = inflight.get(m[1]); inflight.delete(m[1])
  res.writeHead(202, { 'content-type': 'application/json' }); res.end('{"status":"OK"}')
  if (!gw) return
  if (m[2] === 'error') { gw.writeHead(502, { 'content-type': 'application/json' }); return gw.end(body) }
  try { writeResult(gw, JSON.parse(body.toString() || 'null')) } catch (e) { gw.writeHead(502); gw.end(String(e)) }
})
runtimeApi.keepAliveTimeout = 0 // long polls: never time out idle sockets
runtimeApi.headersTimeout = 0
runtimeApi.requestTimeout = 0

const children = []
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { children.forEach((c) => c.kill('SIGTERM')); process.exit(0) })

runtimeApi.listen(0, '127.0.0.1', () => {
  const api = '127.0.0.1:' + runtimeApi.address().port
  for (let i = 0; i < pool; i++) {
    const child = spawn(process.execPath, [ricBin, 'handler.handler'], {
      cwd: taskRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: Object.assign({}, process.env, {
        AWS_LAMBDA_RUNTIME_API: api,
        LAMBDA_TASK_ROOT: taskRoot,
        _HANDLER: 'handler.handler',
        AWS_LAMBDA_FUNCTION_NAME: 'bench',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/bench',
        AWS_LAMBDA_LOG_STREAM_NAME: 'bench',
        AWS_REGION: 'us-east-1'
      })
    })
    children.push(child)
    child.on('exit', (c, s) => { console.error('runtime exited', c, s); process.exit(1) })
  }
})

http.createServer(async (req, res) => {
  const event = buildEvent(req, await readBody(req))
  const inv = { id: crypto.randomUUID(), event, res }
  const rt = idle.shift()
  rt ? dispatch(rt, inv) : queue.push(inv)
}).listen(port, '127.0.0.1')
