// Handlers for the runtime tests: one module, one export per behaviour.
const { spawn } = require('node:child_process');

exports.echo = async (event, context) => {
  console.log('echo', JSON.stringify(event));
  return { echo: event, requestId: context.awsRequestId, arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis() };
};

exports.fail = async () => {
  console.error('about to fail');
  throw new TypeError('kaboom');
};

exports.slow = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 60000));
  return 'done';
};

exports.exit = async (event) => {
  console.log('exiting');
  process.exit(event.code ?? 3);
};

exports.env = async () => ({ env: process.env, cwd: process.cwd(), pid: process.pid });

exports.spawn = async () => {
  // A grandchild that outlives nothing: the platform must clean it up.
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  return { pid: process.pid, child: child.pid };
};

exports.chatty = async (event) => {
  const line = 'x'.repeat(200);
  for (let i = 0; i < (event.lines ?? 2000); i++) console.log(`${i} ${line}`);
  return 'ok';
};

exports.big = async () => 'y'.repeat(7 * 1024 * 1024);

exports.sized = async (event) => 'y'.repeat(event.n);

exports.kill = async () => {
  process.kill(process.pid, 'SIGKILL');
};
