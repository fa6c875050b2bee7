// Answers with the version that ran, so a test can count how an alias's routing split the calls. Tests edit the
// marker below to publish a second version.
const marker = 'first';

exports.handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ version: process.env.AWS_LAMBDA_FUNCTION_VERSION, marker }),
});
