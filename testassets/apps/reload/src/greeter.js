// Says which version loaded, so tests can see an environment start before any request reaches it.
console.log('greeter loaded, version', process.env.AWS_LAMBDA_FUNCTION_VERSION);

// Takes a moment per request (25 ms, or ?ms=N), so that requests are in flight when a reload swaps the version or
// the server stops; ?marker=X prints a line when the request reaches the handler.
exports.handler = async (event) => {
  const query = event.queryStringParameters ?? {};
  if (query.marker) console.log('greeting', query.marker);
  await new Promise((resolve) => setTimeout(resolve, Number(query.ms ?? 25)));
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'version one' };
};
