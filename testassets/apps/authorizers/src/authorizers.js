// Authorizers whose answer is chosen by the identity they are given: the part before the first '-' is the verdict
// (allow, deny, other, unauthorized, fail, invalid), the rest makes each test's identity unique so cached answers
// never leak between tests. Each call logs one line with the identity, so tests count calls in the console.
const verdictOf = (identity) => (identity || '').split('-')[0];

const policy = (effect, resource) => ({
  Version: '2012-10-17',
  Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
});

// Everything under the API: arn:...:apiId/* (a cached answer must cover every method, as on AWS).
const wholeApi = (arn) => arn.split('/')[0] + '/*';

const answer = (identity, arn, context) => {
  switch (verdictOf(identity)) {
    case 'allow':
      return { principalId: 'user-' + identity, policyDocument: policy('Allow', wholeApi(arn)), context };
    case 'deny':
      return { principalId: 'user-' + identity, policyDocument: policy('Deny', wholeApi(arn)), context };
    case 'other':
      return { principalId: 'user-' + identity, policyDocument: policy('Allow', 'arn:aws:execute-api:*:*:someotherapi/*'), context };
    case 'unauthorized':
      throw new Error('Unauthorized');
    case 'invalid':
      return { policyDocument: policy('Allow', '*') };
    default:
      throw new Error('authorizer broke');
  }
};

exports.token = async (event) => {
  console.log('token authorizer called', event.authorizationToken);
  return answer(event.authorizationToken, event.methodArn, { token: event.authorizationToken, number: 7, flag: true, nothing: null });
};

exports.request = async (event) => {
  const user = event.headers['X-User'] || event.headers['x-user'];
  const tenant = (event.queryStringParameters || {}).tenant;
  console.log('request authorizer called', user);
  return answer(user, event.methodArn, { user, tenant, type: event.type, methodArn: event.methodArn, sawBody: event.body !== undefined });
};

exports.simple = async (event) => {
  const identity = event.identitySource[0];
  console.log('simple authorizer called', identity);
  if (verdictOf(identity) === 'fail') {
    throw new Error('authorizer broke');
  }
  return {
    isAuthorized: verdictOf(identity) === 'allow',
    context: { who: identity, nested: { level: 1 }, list: [1, 2], routeArn: event.routeArn, version: event.version },
  };
};
