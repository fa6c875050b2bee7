// Calls the Lambda API with the credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (SigV4-signed by the SDK) and
// prints one JSON document: each call's result or the error the SDK raised.
// Usage: node signed.mjs ENDPOINT FUNCTION...
import { LambdaClient, InvokeCommand, ListFunctionsCommand, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';

const [endpoint, ...functionNames] = process.argv.slice(2);
if (!endpoint || functionNames.length === 0) {
  console.error('usage: node signed.mjs ENDPOINT FUNCTION...');
  process.exit(2);
}

const client = new LambdaClient({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
  maxAttempts: 1,
});

async function call(command, show) {
  try {
    return show(await client.send(command));
  } catch (e) {
    return { error: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
}

const invocations = [];
for (const name of functionNames) {
  invocations.push(await call(
    new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode('{"from":"sdk"}') }),
    (r) => ({ statusCode: r.StatusCode, executedVersion: r.ExecutedVersion, payload: new TextDecoder().decode(r.Payload) })));
}

console.log(JSON.stringify({
  invocations,
  list: await call(new ListFunctionsCommand({}), (r) => ({ functions: r.Functions.map((f) => f.FunctionName) })),
  configuration: await call(new GetFunctionConfigurationCommand({ FunctionName: functionNames[0] }), (r) => ({ functionName: r.FunctionName })),
}));
