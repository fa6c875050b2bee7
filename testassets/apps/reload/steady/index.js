// Code of its own (a separate CodeUri), so editing the Greeter's code must not publish a new version of this one.
console.log('steady loaded, version', process.env.AWS_LAMBDA_FUNCTION_VERSION);

exports.handler = async () => 'steady';
