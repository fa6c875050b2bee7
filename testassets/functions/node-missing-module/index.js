// Fails at init: the module it needs is not installed.
require('this-module-does-not-exist');

exports.handler = async () => 'unreachable';
