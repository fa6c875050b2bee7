// Each handler fails one way; ?id= varies the message, as real data would, without making it a different bug.
function loadOrder(id) {
  const order = undefined;
  return order.items[id];
}

exports.orders = async (event) => {
  const id = event.queryStringParameters?.id ?? '0';
  return { statusCode: 200, body: String(loadOrder(id)) };
};

function refund(amount) {
  throw new RangeError(`refund of ${amount} exceeds the charge`);
}

exports.refunds = async (event) => {
  refund(Number(event.queryStringParameters?.amount ?? 5));
  return { statusCode: 200, body: 'refunded' };
};

exports.slow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return { statusCode: 200, body: 'late' };
};

exports.crash = async () => {
  process.exit(1);
};

exports.hungry = async () => {
  const hoard = [];
  for (;;) hoard.push(Buffer.alloc(16 * 1024 * 1024, 1));
};
