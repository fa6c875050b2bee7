// Calls Fathom's Lambda management API through the AWS SDK for JavaScript v3 and prints one JSON document.
// Usage: node management.mjs ENDPOINT FUNCTION
import {
  LambdaClient, CreateAliasCommand, GetAliasCommand, DeleteAliasCommand, ListVersionsByFunctionCommand, GetFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';

const [endpoint, functionName] = process.argv.slice(2);
if (!endpoint || !functionName) {
  console.error('usage: node management.mjs ENDPOINT FUNCTION');
  process.exit(2);
}

const client = new LambdaClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  maxAttempts: 1,
});

const created = await client.send(new CreateAliasCommand({
  FunctionName: functionName,
  Name: 'sdk',
  FunctionVersion: '1',
  RoutingConfig: { AdditionalVersionWeights: { 2: 0.25 } },
}));
const read = await client.send(new GetAliasCommand({ FunctionName: functionName, Name: 'sdk' }));
await client.send(new DeleteAliasCommand({ FunctionName: functionName, Name: 'sdk' }));
const versions = await client.send(new ListVersionsByFunctionCommand({ FunctionName: functionName }));

let unimplemented;
try {
  await client.send(new GetFunctionUrlConfigCommand({ FunctionName: functionName }));
  unimplemented = { error: null };
} catch (e) {
  unimplemented = { error: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
}

console.log(JSON.stringify({
  created: { name: created.Name, version: created.FunctionVersion, weights: created.RoutingConfig?.AdditionalVersionWeights ?? null },
  read: { arn: read.AliasArn, revisionId: read.RevisionId, weights: read.RoutingConfig?.AdditionalVersionWeights ?? null },
  versions: versions.Versions.map((v) => v.Version),
  unimplemented,
}));
