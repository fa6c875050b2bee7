// Calls Fathom's Lambda Invoke API through the AWS SDK for JavaScript v3 and prints one JSON document.
// Usage: node invoke.mjs ENDPOINT FUNCTION
import { LambdaClient, InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';

const [endpoint, functionName] = process.argv.slice(2);
if (!endpoint || !functionName) {
  console.error('usage: node invoke.mjs ENDPOINT FUNCTION');
  process.exit(2);
}

const client = new LambdaClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  maxAttempts: 1,
});

const invoked = await client.send(new InvokeCommand({
  FunctionName: functionName,
  LogType: 'Tail',
  Payload: new TextEncoder().encode(JSON.stringify({ from: 'sdk' })),
}));

const listed = await client.send(new ListFunctionsCommand({}));

let unknown;
try {
  await client.send(new InvokeCommand({ FunctionName: 'no-such-function', Payload: new TextEncoder().encode('{}') }));
  unknown = { error: null };
} catch (e) {
  unknown = { error: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
}

console.log(JSON.stringify({
  invoke: {
    statusCode: invoked.StatusCode,
    executedVersion: invoked.ExecutedVersion,
    functionError: invoked.FunctionError ?? null,
    payload: new TextDecoder().decode(invoked.Payload),
    log: invoked.LogResult ? Buffer.from(invoked.LogResult, 'base64').toString('utf8') : null,
  },
  functions: listed.Functions.map((f) => f.FunctionName),
  unknown,
}));
