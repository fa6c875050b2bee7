exports.hello = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' });

// A function error: the gateway answers 502 and the invocation counts as an error.
exports.fail = async () => {
  throw new Error('failing on purpose');
};
