// One log line per invocation: what the telemetry pipeline's CPU cost is measured on.
exports.handler = async (event) => {
  console.log(`served ${event.rawPath} for ${event.requestContext?.requestId}`)
  return { statusCode: 200, body: 'ok' }
}
