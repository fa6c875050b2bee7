// Returns the event it was given, so tests can assert every field API Gateway would send.
exports.rest = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'x-request-id-seen': context.awsRequestId },
  multiValueHeaders: { 'x-multi': ['a', 'b'] },
  body: JSON.stringify({ event, requestId: context.awsRequestId, greeting: process.env.GREETING }),
});

// HTTP API payload 2.0 shortcut: a plain object becomes a 200 JSON response.
exports.http = async (event, context) => ({ event, requestId: context.awsRequestId, greeting: process.env.GREETING });
