// Returns the event it was given, so tests can assert requestContext.authorizer as the function sees it.
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ event }),
});
