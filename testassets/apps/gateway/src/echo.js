// Returns the event it was given, so tests can assert every field API Gateway would send.
// Each call logs one line naming what it was called for, so tests can find it in `fathom up`'s console.
exports.rest = async (event, context) => {
  console.log('echo rest', event.path);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'x-request-id-seen': context.awsRequestId },
    multiValueHeaders: { 'x-multi': ['a', 'b'] },
    body: JSON.stringify({ event, requestId: context.awsRequestId, greeting: process.env.GREETING }),
  };
};

// HTTP API payload 2.0 shortcut: a plain object becomes a 200 JSON response. Payload 1.0 (an HttpApi event with
// PayloadFormatVersion 1.0) has no shortcut, so that event gets a structured response.
exports.http = async (event, context) => {
  console.log('echo http', event.rawPath ?? event.path ?? event.marker ?? 'direct');
  const result = { event, requestId: context.awsRequestId, greeting: process.env.GREETING, clientContext: context.clientContext ?? null };
  return event.version === '1.0' ? { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) } : result;
};
