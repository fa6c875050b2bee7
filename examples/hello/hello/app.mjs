// A Lambda handler for an API Gateway REST (payload 1.0) event.
export const handler = async (event) => {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'hello world' }),
  };
};
