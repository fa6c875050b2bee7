// One log line per invocation: what the telemetry pipeline's CPU cost and tail latency are measured on.
exports.handler = async (event) => {
  console.log(`served ${event.rawPath}?${event.rawQueryString}`)
  return { statusCode: 200, body: 'ok' }
}
