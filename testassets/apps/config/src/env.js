// Answers with the variables the tests override; JSON.stringify leaves out the ones that are not set.
const NAMES = ['GREETING', 'TABLE', 'STAGE', 'QUEUE', 'KEPT', 'UNDECLARED', 'ALSO_UNDECLARED', 'AWS_LAMBDA_FUNCTION_NAME'];

exports.handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(Object.fromEntries(NAMES.map((name) => [name, process.env[name]]))),
});
