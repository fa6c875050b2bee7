// Blocks while the module loads (5 s unless INIT_SLEEP_MS says), so its runtime never asks for its first event
// within a short init timeout.
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.INIT_SLEEP_MS ?? 5000));

exports.handler = async () => 'ready';
