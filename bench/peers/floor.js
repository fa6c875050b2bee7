// The floor: a bare node:http server that builds the HTTP API (payload 2.0) event and calls the handler
// in-process. Nothing a Lambda emulator does can be cheaper than this. Env: PORT.
'use strict'
const http = require('http')
const path = require('path')
const { buildEvent, writeResult, readBody } = require('./v2event')
const { handler } = require(path.join(__dirname, '..', 'apps', 'hello', 'src', 'handler.js'))

const port = Number(process.env.PORT || 3000)
http.createServer(async (req, res) => {
  try {
    const body = await readBody(req)
    writeResult(res, await handler(buildEvent(req, body), {}))
  } catch (e) {
    res.writeHead(500); res.end(String(e))
  }
}).listen(port, '127.0.0.1')
