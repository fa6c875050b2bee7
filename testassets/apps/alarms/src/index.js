// GET /checkout/ok answers; GET /checkout/fail throws, as a broken release would.
exports.handler = async (event) => {
  if (event.pathParameters && event.pathParameters.outcome === 'fail') {
    throw new Error('payment backend unreachable');
  }
  return { statusCode: 200, body: 'ok' };
};
