// Holds its environment for event.ms (default 1500) milliseconds, so two calls overlap and a reserved concurrency of
// one throttles the second.
exports.handler = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, Number(event?.ms ?? 1500)));
  return { version: process.env.AWS_LAMBDA_FUNCTION_VERSION };
};
