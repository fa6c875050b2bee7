exports.handler = async () => {
  console.log('beta answering with ' + process.env.GREETING);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fn: 'beta', code: 'v1', greeting: process.env.GREETING, version: process.env.AWS_LAMBDA_FUNCTION_VERSION }),
  };
};
