// The benchmark workload: the smallest realistic HTTP API (payload 2.0) handler.
exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ ok: true, path: event.rawPath }) });
