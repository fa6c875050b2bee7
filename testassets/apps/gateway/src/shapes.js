// Response shapes API Gateway maps differently per API type.
exports.handler = async (event) => {
  const shape = event.pathParameters.shape;
  switch (shape) {
    case 'string':
      return 'just a string';
    case 'binary':
      return { statusCode: 200, headers: { 'content-type': 'image/png' }, isBase64Encoded: true, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]).toString('base64') };
    case 'cookies':
      return { statusCode: 201, cookies: ['a=1; Path=/', 'b=2'], headers: { 'x-one': '1' }, body: 'ok' };
    case 'malformed':
      return { statusCode: 'not-a-number', body: { nested: true } };
    case 'status':
      return { statusCode: 418, headers: { 'content-type': 'text/plain' }, body: 'teapot' };
    default:
      return { statusCode: 404, body: `unknown shape ${shape}` };
  }
};
