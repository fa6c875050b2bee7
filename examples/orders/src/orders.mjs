// HTTP API (payload 2.0) handlers for the orders example. No dependencies: plain Node.js.
import { randomUUID } from 'node:crypto';

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const create = async (event) => {
  let order;
  try {
    order = JSON.parse(event.body ?? '{}');
  } catch {
    return json(400, { message: 'the body must be JSON' });
  }
  if (!Array.isArray(order.items) || order.items.length === 0) {
    return json(400, { message: 'an order needs at least one item' });
  }
  const created = { id: randomUUID(), items: order.items, status: 'pending', stage: process.env.STAGE };
  console.log(JSON.stringify({ msg: 'order created', id: created.id, queue: process.env.ORDERS_QUEUE_URL }));
  return json(201, created);
};

export const get = async (event) => {
  const id = event.pathParameters?.id;
  return json(200, { id, status: 'pending' });
};

export const list = async () => {
  const pageSize = Number(process.env.PAGE_SIZE ?? '20');
  return json(200, { orders: [], pageSize });
};
