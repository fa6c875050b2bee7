// Answers with the version that ran it, so a client can tell which side of a rollback served each request.
exports.handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'text/plain' },
  body: process.env.AWS_LAMBDA_FUNCTION_VERSION,
});
// revision: 0
