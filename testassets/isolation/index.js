// A handler that reports what it sees inside the sandbox.
const os = require('os');
const v8 = require('v8');

exports.handler = async (event) => ({
  n: event.n,
  user: os.userInfo().username,
  heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 1048576),
  taskRoot: process.env.LAMBDA_TASK_ROOT,
});
