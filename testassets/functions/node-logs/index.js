// Handlers for the log tests: what a function prints, through the runtime client's framed log stream
// (_LAMBDA_TELEMETRY_LOG_FD) and around it.
const fs = require('node:fs');

// The descriptor the platform gives the runtime client; the client removes the variable once it has read it.
const TELEMETRY_FD = 5;

// Printed during init, before any invocation: the client writes "undefined" where the request id goes.
console.log('loading node-logs');

exports.mixed = async () => {
  console.log('hello from log');
  console.warn('careful now');
  console.error(new Error('boom'));
  process.stdout.write('raw\n');
  return 'ok';
};

exports.object = async () => {
  console.log({ a: 1 });
  return 'ok';
};

exports.tagged = async (event, context) => {
  // Several records spread over time, so concurrent invocations interleave.
  for (let i = 0; i < 5; i++) {
    console.log(`mine=${context.awsRequestId} i=${i}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return context.awsRequestId;
};

exports.fds = async () => {
  const fds = {};
  for (const name of fs.readdirSync('/proc/self/fd')) {
    try {
      fds[name] = fs.readlinkSync(`/proc/self/fd/${name}`);
    } catch {
      // The directory's own descriptor is gone by the time it is read.
    }
  }
  return { fds, variable: process.env._LAMBDA_TELEMETRY_LOG_FD ?? null };
};

function header(type, length, micros) {
  const buffer = Buffer.alloc(16);
  buffer.writeUInt32BE(type >>> 0, 0);
  buffer.writeInt32BE(length, 4);
  buffer.writeBigInt64BE(micros, 8);
  return buffer;
}

exports.hostile = async (event) => {
  const now = BigInt(Date.now()) * 1000n;
  switch (event.mode) {
    case 'oversized':
      // A frame of 1 MB: more than a record may hold.
      fs.writeSync(TELEMETRY_FD, header(0xa55a0003 | 12, 1024 * 1024, now));
      fs.writeSync(TELEMETRY_FD, Buffer.alloc(1024 * 1024, 'z'));
      break;
    case 'huge':
      // A length of 2 GB that never comes.
      fs.writeSync(TELEMETRY_FD, header(0xa55a0003 | 12, 0x7fffffff, now));
      break;
    case 'garbage':
      fs.writeSync(TELEMETRY_FD, 'this is not a frame at all\nsecond line\n');
      break;
  }

  console.log(`after ${event.mode}`);
  return 'survived';
};

exports.slow = async () => {
  await new Promise((resolve) => setTimeout(resolve, 60000));
  return 'never';
};
