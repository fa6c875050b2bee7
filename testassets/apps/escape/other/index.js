// The neighbour: answers, or allocates past its MemorySize when asked.
exports.handler = async (event) => {
  const body = event.body ? JSON.parse(event.body) : {};
  if (body.hog) {
    const hoard = [];
    for (;;) hoard.push(Buffer.alloc(16 * 1024 * 1024, 1));
  }
  return { statusCode: 200, body: JSON.stringify({ neighbour: 'ok' }) };
};
