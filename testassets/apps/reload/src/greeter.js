// Takes a moment per request, so that requests are in flight when a reload swaps the version.
exports.handler = async () => {
  await new Promise((resolve) => setTimeout(resolve, 25));
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'version one' };
};
