// Prints what the logs tests look for; ?id= tags each line with the caller's id.
exports.text = async (event) => {
  const id = event.queryStringParameters?.id ?? 'none';
  console.log(`hello ${id}`);
  console.warn(`careful ${id}`);
  console.error(new Error(`boom ${id}`));
  process.stdout.write(`raw ${id}\n`);
  console.log(JSON.stringify({ order: { id: 42, status: 'paid' }, tag: id, password: 'hunter2-secret' }));
  return { statusCode: 200, body: id };
};

exports.json = async (event) => {
  const id = event.queryStringParameters?.id ?? 'none';
  console.log({ orderId: 7, status: 'shipped', tag: id });
  console.error(`bad thing ${id}`);
  return { statusCode: 200, body: id };
};

// ?kb= kilobytes of log in 1 KB lines, to fill the store.
exports.bulk = async (event) => {
  const kb = Number(event.queryStringParameters?.kb ?? 1);
  const line = 'x'.repeat(1000);
  for (let i = 0; i < kb; i++) console.log(`${i} ${line}`);
  return { statusCode: 200, body: String(kb) };
};
