// Sleeps as long as the event or the route says, so the test knows every duration in advance.
exports.sleeper = async (event) => {
  const ms = Number(event.ms ?? event.pathParameters?.ms ?? 0);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { statusCode: 200, body: JSON.stringify({ slept: ms }) };
};

exports.thrower = async () => {
  throw new Error('the warehouse is closed');
};
