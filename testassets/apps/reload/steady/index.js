// Code of its own (a separate CodeUri), so editing the Greeter's code must not publish a new version of this one.
exports.handler = async () => 'steady';
