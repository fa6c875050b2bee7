// Holds the one execution its ReservedConcurrentExecutions allows for event.ms, saying so first, so a test can make
// a second call while it is busy.
exports.handler = async (event) => {
  console.log('holding', event.marker);
  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 1500));
  return { held: event.marker };
};
