// serverless resolves handlers inside the service folder: re-export the handler every target runs.
module.exports = require('../../apps/hello/src/handler.js')
